package dev.lectern.core.aws;

import java.util.List;
import dev.lectern.core.routes.Access;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.AbortMultipartUploadPresignRequest;
import software.amazon.awssdk.services.s3.presigner.model.CompleteMultipartUploadPresignRequest;
import software.amazon.awssdk.services.s3.presigner.model.CreateMultipartUploadPresignRequest;
import software.amazon.awssdk.services.s3.presigner.model.DeleteObjectPresignRequest;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;
import software.amazon.awssdk.services.s3.presigner.model.HeadBucketPresignRequest;
import software.amazon.awssdk.services.s3.presigner.model.HeadObjectPresignRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedAbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedCompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedCreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedDeleteObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedHeadBucketRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedHeadObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedUploadPartRequest;
import software.amazon.awssdk.services.s3.presigner.model.PutObjectPresignRequest;
import software.amazon.awssdk.services.s3.presigner.model.UploadPartPresignRequest;

/**
 * The presigner with the {@link LocalGrantGuard}'s check: presigning is local arithmetic, but in
 * AWS a URL signed by a role without the action is refused when used, so locally it is refused
 * when signed.
 */
final class GuardedS3Presigner implements S3Presigner {

    private final S3Presigner delegate;
    private final LocalGrantGuard guard;

    GuardedS3Presigner(S3Presigner delegate, LocalGrantGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    @Override
    public PresignedGetObjectRequest presignGetObject(GetObjectPresignRequest request) {
        guard.bucket(request.getObjectRequest().bucket(), List.of(request.getObjectRequest().key()), Access.Mode.READ, "presigned GetObject");
        return delegate.presignGetObject(request);
    }

    @Override
    public PresignedPutObjectRequest presignPutObject(PutObjectPresignRequest request) {
        guard.bucket(request.putObjectRequest().bucket(), List.of(request.putObjectRequest().key()), Access.Mode.WRITE, "presigned PutObject");
        return delegate.presignPutObject(request);
    }

    @Override
    public PresignedDeleteObjectRequest presignDeleteObject(DeleteObjectPresignRequest request) {
        guard.bucket(request.deleteObjectRequest().bucket(), List.of(request.deleteObjectRequest().key()), Access.Mode.WRITE, "presigned DeleteObject");
        return delegate.presignDeleteObject(request);
    }

    @Override
    public PresignedCreateMultipartUploadRequest presignCreateMultipartUpload(CreateMultipartUploadPresignRequest request) {
        guard.bucket(request.createMultipartUploadRequest().bucket(), List.of(request.createMultipartUploadRequest().key()), Access.Mode.WRITE, "presigned CreateMultipartUpload");
        return delegate.presignCreateMultipartUpload(request);
    }

    @Override
    public PresignedUploadPartRequest presignUploadPart(UploadPartPresignRequest request) {
        guard.bucket(request.uploadPartRequest().bucket(), List.of(request.uploadPartRequest().key()), Access.Mode.WRITE, "presigned UploadPart");
        return delegate.presignUploadPart(request);
    }

    @Override
    public PresignedCompleteMultipartUploadRequest presignCompleteMultipartUpload(CompleteMultipartUploadPresignRequest request) {
        guard.bucket(request.completeMultipartUploadRequest().bucket(), List.of(request.completeMultipartUploadRequest().key()), Access.Mode.WRITE, "presigned CompleteMultipartUpload");
        return delegate.presignCompleteMultipartUpload(request);
    }

    @Override
    public PresignedAbortMultipartUploadRequest presignAbortMultipartUpload(AbortMultipartUploadPresignRequest request) {
        guard.bucket(request.abortMultipartUploadRequest().bucket(), List.of(request.abortMultipartUploadRequest().key()), Access.Mode.WRITE, "presigned AbortMultipartUpload");
        return delegate.presignAbortMultipartUpload(request);
    }

    @Override
    public PresignedHeadObjectRequest presignHeadObject(HeadObjectPresignRequest request) {
        guard.bucket(request.headObjectRequest().bucket(), List.of(request.headObjectRequest().key()), Access.Mode.READ, "presigned HeadObject");
        return delegate.presignHeadObject(request);
    }

    @Override
    public PresignedHeadBucketRequest presignHeadBucket(HeadBucketPresignRequest request) {
        guard.bucket(request.headBucketRequest().bucket(), List.of(""), Access.Mode.READ, "presigned HeadBucket");
        return delegate.presignHeadBucket(request);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
