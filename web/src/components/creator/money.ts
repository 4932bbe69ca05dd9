// The API counts money in integer minor units; people type major units. How many digits a currency
// has (JPY 0, USD 2, KWD 3) is Intl's knowledge, never a guess of 2.

export function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * "12.34" in USD → 1234; "500" in JPY → 500. Parsed as a decimal string, not through floating
 * point, so 0.29 stays 29. Null for anything that is not a non-negative amount with at most the
 * currency's digits.
 */
export function toMinorUnits(major: string, currency: string): number | null {
  const digits = fractionDigits(currency);
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(major.trim());
  if (!match) return null;
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return null;
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return Number.isSafeInteger(minor) ? minor : null;
}

/** 1234 in USD → "12.34", for an input's value (no grouping, no symbol). */
export function toMajorUnits(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  return digits === 0 ? String(minor) : (minor / 10 ** digits).toFixed(digits);
}

/** The currencies the API accepts (core's Currencies). */
export const CURRENCIES = ["usd", "eur", "gbp", "chf", "cad", "aud", "sgd", "hkd", "cny", "jpy"] as const;
