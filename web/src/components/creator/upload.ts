import type { Schemas } from "../../api/client";

/** Why a PUT to the bucket failed: S3's own code (AccessDenied, SignatureDoesNotMatch, ...), its HTTP status, or no answer. */
export class UploadError extends Error {
  readonly status: number;
  readonly code: string | null;

  constructor(status: number, code: string | null, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// A browser sets these itself (Content-Length from the body); setting them by hand throws.
const BROWSER_HEADERS = new Set(["content-length", "host"]);

/**
 * PUTs the file to the presigned URL with exactly the headers it was signed with, reporting progress.
 * XMLHttpRequest rather than fetch: only it reports upload progress in every browser.
 */
export function putToBucket(
  presigned: Schemas["PresignedUpload"],
  file: Blob,
  onProgress: (loaded: number, total: number) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(presigned.method, presigned.url);
    for (const [name, value] of Object.entries(presigned.headers as Record<string, string>)) {
      if (!BROWSER_HEADERS.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(file.size, file.size);
        resolve();
      } else {
        reject(s3Error(xhr.status, xhr.responseText));
      }
    };
    xhr.onerror = () => reject(new UploadError(0, null, "network"));
    xhr.send(file);
  });
}

/** S3 answers a refusal with an XML <Error><Code/><Message/></Error>. */
function s3Error(status: number, body: string): UploadError {
  try {
    const xml = new DOMParser().parseFromString(body, "application/xml");
    const code = xml.querySelector("Error > Code")?.textContent ?? null;
    const message = xml.querySelector("Error > Message")?.textContent ?? `HTTP ${status}`;
    return new UploadError(status, code, message);
  } catch {
    return new UploadError(status, null, `HTTP ${status}`);
  }
}
