/**
 * The only addresses the minutes link to (the chat's and the e-mail's link to the filed
 * document, Planner's reference, To Do's linked resource): absolute https: URLs without
 * credentials. Anything else (`javascript:`, `data:`, a relative path) is not linked at all.
 */

/** The address, normalised, when it is an absolute https: URL without credentials; else null. */
export function httpsUrl(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'https:' || url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}
