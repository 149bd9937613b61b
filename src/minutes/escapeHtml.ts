/**
 * The one way user-typed text enters HTML (e-mail, chat) and Markdown: `& < > " '` become
 * entities, safe in text and in double- or single-quoted attributes, and characters that XML
 * and HTML text cannot carry are dropped: C0 controls other than tab, newline and carriage
 * return, DEL and the C1 controls, lone surrogates, and the non-characters U+FFFE and U+FFFF.
 * Surrogate pairs (emoji, supplementary scripts) pass through whole.
 */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  let out = '';
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += value.slice(index, index + 2);
        index += 1;
      }
      continue;
    }
    if (isDropped(code)) continue;
    const char = value.charAt(index);
    out += ENTITIES[char] ?? char;
  }
  return out;
}

function isDropped(code: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  return (
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0xdc00 && code <= 0xdfff) ||
    code === 0xfffe ||
    code === 0xffff
  );
}
