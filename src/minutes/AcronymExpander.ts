/**
 * Expands each acronym on its first use in the narrative, as house style asks:
 * "Communication Service Provider North (CSP N)", then "CSP N" thereafter. Stateful: feed it
 * the document's texts in reading order. Text already spelling out "Expansion (ACR)" counts as
 * the first use.
 */
export interface Acronym {
  short: string;
  expansion: string;
}

export class AcronymExpander {
  private readonly pending: Acronym[];

  constructor(acronyms: readonly Acronym[]) {
    // Longer first, so "CSP C&S" wins over a shorter acronym at the same place.
    this.pending = [...acronyms].sort((a, b) => b.short.length - a.short.length);
  }

  expand(text: string): string {
    const matches: { start: number; end: number; acronym: Acronym }[] = [];
    for (const acronym of [...this.pending]) {
      if (text.includes(`${acronym.expansion} (${acronym.short})`)) {
        this.used(acronym);
        continue;
      }
      const found = wholeWord(acronym.short).exec(text);
      if (!found) continue;
      const start = found.index;
      const end = start + acronym.short.length;
      if (matches.some((m) => start < m.end && end > m.start)) continue;
      matches.push({ start, end, acronym });
      this.used(acronym);
    }
    let result = text;
    for (const match of matches.sort((a, b) => b.start - a.start)) {
      const { expansion, short } = match.acronym;
      result = `${result.slice(0, match.start)}${expansion} (${short})${result.slice(match.end)}`;
    }
    return result;
  }

  private used(acronym: Acronym): void {
    this.pending.splice(this.pending.indexOf(acronym), 1);
  }
}

function wholeWord(short: string): RegExp {
  const escaped = short.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u');
}
