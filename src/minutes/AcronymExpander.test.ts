import { AcronymExpander } from './AcronymExpander';

const acronyms = [
  { short: 'CSP N', expansion: 'Communication Service Provider North' },
  { short: 'CSP C&S', expansion: 'Communication Service Provider Central and South' },
  { short: 'PMR', expansion: 'Performance Measurement Report' },
];

describe('when the minutes use a committee acronym', () => {
  it('spells it out on first use only, in reading order', () => {
    const expander = new AcronymExpander(acronyms);
    expect(expander.expand('Traffic after the CSP N refresh was high.')).toBe(
      'Traffic after the Communication Service Provider North (CSP N) refresh was high.',
    );
    expect(expander.expand('CSP N will restart services.')).toBe('CSP N will restart services.');
  });

  it('expands several acronyms in one sentence without overlapping', () => {
    const expander = new AcronymExpander(acronyms);
    expect(expander.expand('The PMR shows CSP C&S and CSP N below target.')).toBe(
      'The Performance Measurement Report (PMR) shows Communication Service Provider Central and South (CSP C&S) and Communication Service Provider North (CSP N) below target.',
    );
  });

  it('matches whole words only', () => {
    const expander = new AcronymExpander([
      { short: 'PMR', expansion: 'Performance Measurement Report' },
    ]);
    expect(expander.expand('The PMRs and XPMR are not it.')).toBe('The PMRs and XPMR are not it.');
    expect(expander.expand('The PMR is.')).toBe('The Performance Measurement Report (PMR) is.');
  });

  it('counts a sentence that already spells it out as the first use', () => {
    const expander = new AcronymExpander(acronyms);
    expect(expander.expand('The Performance Measurement Report (PMR) was reviewed.')).toBe(
      'The Performance Measurement Report (PMR) was reviewed.',
    );
    expect(expander.expand('The PMR was late.')).toBe('The PMR was late.');
  });
});
