/** Small helpers about e-mail addresses and the organisations behind them. */

const FREE_MAIL = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "hotmail.co.uk",
  "live.com",
  "msn.com",
  "yahoo.com",
  "yahoo.co.uk",
  "ymail.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.de",
  "gmx.net",
  "gmx.com",
  "web.de",
  "mail.ru",
  "yandex.ru",
  "qq.com",
  "163.com",
  "naver.com",
  "fastmail.com",
  "zoho.com",
  "example.com",
  "example.net",
  "example.org",
]);

export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf("@");
  return at >= 0 ? address.slice(at + 1).toLowerCase() : "";
}

function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL.has(domain);
}

/** Labels of public suffixes (and the example domains) that are not an organisation's name. */
const GENERIC_LABELS = new Set(["example", "co", "com", "org", "net", "ac", "edu", "gov", "uk", "au", "de"]);

/** Organisation domain: the registrable-looking part (drops mail./outreach. subdomains). */
function organisationDomain(address: string): string {
  const d = domainOf(address);
  const labels = d.split(".");
  // keep the label in front of a (possibly two-part) public suffix, e.g. harborlight.example.com -> harborlight
  for (let i = labels.length - 2; i >= 0; i--) {
    const l = labels[i] ?? "";
    if (!GENERIC_LABELS.has(l)) return labels.slice(i).join(".");
  }
  return d;
}

/** Names by domain: a mailbox asks about the same few domains for every thread (and keeps one string for each). */
const organisationNames = new Map<string, string | undefined>();

/** A readable organisation name guessed from the address, or undefined for free-mail / edu domains. */
export function organisationName(address: string): string | undefined {
  const d = domainOf(address);
  if (organisationNames.has(d)) return organisationNames.get(d);
  if (organisationNames.size >= 10_000) organisationNames.clear();
  const name = organisationNameOfDomain(d);
  organisationNames.set(d, name);
  return name;
}

function organisationNameOfDomain(d: string): string | undefined {
  if (!d || isFreeMailDomain(d) || /\.(edu|ac\.[a-z]{2})$/.test(d) || /(^|\.)students?\./.test(d)) return undefined;
  const org = organisationDomain(`@${d}`).split(".")[0] ?? "";
  if (!org || org === "mail") return undefined;
  return org.charAt(0).toUpperCase() + org.slice(1);
}

/** True when two addresses share a non-free-mail organisation domain. */
export function sameOrganisation(a: string, b: string): boolean {
  const da = domainOf(a);
  if (!da || isFreeMailDomain(da)) return false;
  return organisationDomain(a) === organisationDomain(b);
}

const ADDRESS_IN_TEXT = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi;

export function addressesInText(text: string): string[] {
  return [...new Set((text.match(ADDRESS_IN_TEXT) ?? []).map(normalizeAddress))];
}

/** One address, local@domain.tld, nothing around it (a field that should hold an address, not a text to search). */
export function isPlausibleAddress(value: string): boolean {
  return value.length <= 254 && /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]{2,}$/.test(value);
}
