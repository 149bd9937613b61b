/**
 * Names and e-mail addresses as reports, rosters and invitations spell them, reduced to keys
 * that compare equal for the same person. Shared with proposeApologies, which matches calendar
 * invitees the same way.
 */

/** A display name without the "(Guest)" or "(External)" Teams adds, spaces collapsed. */
export function cleanDisplayName(name: string): string {
  return name
    .replace(/\s*\((guest|external|unverified)\)\s*$/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A key for comparing names: cleaned, without accents, case-insensitive. */
export function nameKey(name: string): string {
  return cleanDisplayName(name)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/**
 * Lower-case, trimmed; a B2B guest's user principal name (`jo_contoso.com#EXT#@tenant…`) becomes
 * their own address (`jo@contoso.com`).
 */
export function normalizeEmail(address: string): string {
  const trimmed = address
    .trim()
    .toLowerCase()
    .replace(/^mailto:/, '');
  const ext = trimmed.indexOf('#ext#');
  if (ext > 0) {
    const local = trimmed.slice(0, ext);
    const at = local.lastIndexOf('_');
    if (at > 0) return `${local.slice(0, at)}@${local.slice(at + 1)}`;
  }
  return trimmed;
}

export function emailDomain(address: string): string | null {
  const at = address.lastIndexOf('@');
  return at > 0 && at < address.length - 1 ? address.slice(at + 1) : null;
}
