/**
 * Minutes: how long the house-format renderers take on a LARGE meeting (300 people present,
 * 40 agenda items with sub-items, 150 new actions; see bench/lib/largeMeeting.mjs), how much
 * memory the .docx costs at its peak, and how long it takes to get from the log to the minutes
 * document. All in this process, on the compiled modules. See bench/README.md.
 */
import fs from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { loadDist } from '../lib/dist.mjs';
import { LARGE, largeMeeting, opsg41Meeting } from '../lib/largeMeeting.mjs';
import { metric } from '../lib/report.mjs';
import { median } from '../lib/stats.mjs';

export const title = 'minutes: build and render a large meeting (docx, HTML), peak memory';

const WARMUP = 3;
const SAMPLE_INTERVAL_MS = 5;
const MB = 1024 * 1024;

const collectGarbage = () => globalThis.gc?.();
const progress = (message) => process.stderr.write(`  minutes: ${message}\n`);

export async function run({ runs = 5 } = {}) {
  const domain = loadDist('domain/index.js');
  const minutes = loadDist('minutes/index.js');
  const measured = Math.max(7, runs);

  // The memory baseline: this process, modules loaded, before the meeting exists.
  collectGarbage();
  const rssBefore = process.memoryUsage.rss() / MB;

  const large = largeMeeting();
  const build = ({ meetingId, ops, committee }) => {
    const state = domain.foldOperations(meetingId, ops);
    const view = domain.meetingView(state, committee);
    return { state, doc: minutes.buildMinutesDocument(view, committee) };
  };
  const { state, doc } = build(large);
  checkLargeMeeting(state, doc);
  const small = build(opsg41Meeting()).doc;
  progress(
    `${large.ops.length} ops; ${doc.digest.membersPresent} members and ${doc.digest.othersPresent} others present, ${doc.items.length} headings, ${doc.digest.actions.length} new actions; RSS before ${rssBefore.toFixed(1)} MB`,
  );

  const buildRow = buildFigures(large, domain, minutes, measured);
  const docxRows = await docxFigures(doc, small, minutes, measured, rssBefore);
  const htmlRows = htmlFigures(doc, minutes, Math.max(15, runs * 3));
  return [
    buildRow,
    docxRows.timing,
    htmlRows.timing,
    docxRows.memory,
    docxRows.size,
    htmlRows.size,
  ];
}

/** The meeting must be what the README says it is, and fold without an ignored op. */
function checkLargeMeeting(state, doc) {
  const problems = [];
  if (state.ignored.length > 0) {
    problems.push(
      `${state.ignored.length} ops ignored: ${JSON.stringify(state.ignored.slice(0, 3))}`,
    );
  }
  const present = doc.digest.membersPresent + doc.digest.othersPresent;
  if (present !== LARGE.present) problems.push(`${present} people present, not ${LARGE.present}`);
  if (doc.digest.actions.length !== LARGE.newActions) {
    problems.push(`${doc.digest.actions.length} new actions, not ${LARGE.newActions}`);
  }
  const topLevel = doc.items.filter((item) => item.level === 1).length;
  if (topLevel !== LARGE.topLevelItems)
    problems.push(`${topLevel} items, not ${LARGE.topLevelItems}`);
  const outstanding = doc.items
    .flatMap((item) => item.blocks)
    .filter((b) => b.kind === 'outstandingAction');
  if (outstanding.length !== LARGE.outstanding) {
    problems.push(`${outstanding.length} outstanding actions, not ${LARGE.outstanding}`);
  }
  if (problems.length > 0)
    throw new Error(`the large meeting is not as intended: ${problems.join('; ')}`);
}

// ---------------------------------------------------------------------------------------------
// From the log to the minutes document: fold + view + buildMinutesDocument.

function buildFigures(large, domain, minutes, runs) {
  const once = () => {
    collectGarbage();
    const started = performance.now();
    const state = domain.foldOperations(large.meetingId, large.ops);
    const folded = performance.now();
    const view = domain.meetingView(state, large.committee);
    const viewed = performance.now();
    minutes.buildMinutesDocument(view, large.committee);
    const built = performance.now();
    return {
      total: built - started,
      fold: folded - started,
      view: viewed - folded,
      build: built - viewed,
    };
  };
  for (let index = 0; index < WARMUP; index += 1) once();
  const samples = Array.from({ length: runs }, once);
  const part = (key) => round2(median(samples.map((sample) => sample[key])));
  return metric({
    name: 'buildMs.large',
    unit: 'ms',
    samples: samples.map((sample) => sample.total),
    extra: {
      medianMs: { fold: part('fold'), view: part('view'), buildMinutesDocument: part('build') },
      meeting: large.shape,
    },
  });
}

// ---------------------------------------------------------------------------------------------
// .docx: time and peak resident memory, against zipping the same text with no layout.

async function docxFigures(doc, small, minutes, runs, rssBefore) {
  const { renderMinutesDocx, renderMinutesMarkdown } = minutes;
  const zipText = () => deflateRawSync(Buffer.from(renderMinutesMarkdown(doc), 'utf8'));
  const peak = peakTracker();

  const coldStarted = performance.now();
  let bytes = await renderMinutesDocx(doc);
  const coldMs = performance.now() - coldStarted;
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new Error('renderMinutesDocx gave no zip');
  for (let index = 0; index < WARMUP; index += 1) {
    await renderMinutesDocx(doc);
    zipText();
    await renderMinutesDocx(small);
  }

  const docx = [];
  const peaks = [];
  const sampledPeaks = [];
  const startRss = [];
  const zips = [];
  const smalls = [];
  for (let index = 0; index < runs; index += 1) {
    collectGarbage();
    peak.reset();
    startRss.push(process.memoryUsage.rss() / MB);
    const sampler = rssSampler();
    try {
      const started = performance.now();
      bytes = await renderMinutesDocx(doc);
      docx.push(performance.now() - started);
    } finally {
      sampledPeaks.push(sampler.stop());
    }
    peaks.push(peak.read() ?? sampledPeaks.at(-1));

    collectGarbage();
    let started = performance.now();
    zipText();
    zips.push(performance.now() - started);

    collectGarbage();
    started = performance.now();
    await renderMinutesDocx(small);
    smalls.push(performance.now() - started);
  }

  const markdown = Buffer.from(renderMinutesMarkdown(doc), 'utf8');
  const zipped = deflateRawSync(markdown);
  const smallBytes = await renderMinutesDocx(small);
  progress(
    `docx ${median(docx).toFixed(1)} ms (${bytes.length} bytes), Markdown + deflate ${median(zips).toFixed(1)} ms, OPSG-41 docx ${median(smalls).toFixed(1)} ms; peak RSS ${median(peaks).toFixed(1)} MB (${peak.method})`,
  );
  const zipBaseline = `renderMinutesMarkdown + deflateRawSync of the same doc (${kb(markdown.length)} → ${kb(zipped.length)})`;
  return {
    timing: metric({
      name: 'docxMs.large',
      unit: 'ms',
      samples: docx,
      baseline: { name: zipBaseline, unit: 'ms', samples: zips },
      target: { op: '<=', value: 300 },
      extra: {
        firstRenderMs: round2(coldMs),
        opsg41DocxMs: summary(smalls),
        opsg41DocxBytes: smallBytes.length,
        ratioToOpsg41Docx: round2(median(docx) / median(smalls)),
      },
    }),
    memory: metric({
      name: 'peakRssMb',
      unit: 'MB',
      samples: peaks,
      baseline: { name: 'RSS before building the meeting', unit: 'MB', value: rssBefore },
      extra: {
        method: peak.method,
        rssAtRunStartMb: summary(startRss),
        sampledPeakMb: summary(sampledPeaks),
        sampleIntervalMs: SAMPLE_INTERVAL_MS,
        heapUsedMbAfter: round2(process.memoryUsage().heapUsed / MB),
      },
    }),
    size: metric({
      name: 'docxBytes.large',
      unit: 'bytes',
      value: bytes.length,
      baseline: { name: 'the same doc as Markdown, deflated', unit: 'bytes', value: zipped.length },
      extra: { markdownBytes: markdown.length, opsg41DocxBytes: smallBytes.length },
    }),
  };
}

/**
 * The kernel's own peak (VmHWM), reset before each run by writing 5 to /proc/self/clear_refs.
 * Where that is not possible (not Linux), `read()` gives null and the sampled peak is used.
 */
function peakTracker() {
  const status = '/proc/self/status';
  let usable = false;
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    usable = /^VmHWM:/m.test(fs.readFileSync(status, 'utf8'));
  } catch {
    usable = false;
  }
  return {
    method: usable
      ? 'VmHWM, reset through /proc/self/clear_refs before each run'
      : `process.memoryUsage.rss() sampled every ${SAMPLE_INTERVAL_MS} ms`,
    reset() {
      if (usable) fs.writeFileSync('/proc/self/clear_refs', '5');
    },
    read() {
      if (!usable) return null;
      const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(status, 'utf8'));
      return match ? Number(match[1]) / 1024 : null;
    },
  };
}

/** The highest RSS seen every few ms while the event loop gets a turn. */
function rssSampler() {
  let highest = process.memoryUsage.rss();
  const sample = () => {
    highest = Math.max(highest, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, SAMPLE_INTERVAL_MS);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return highest / MB;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTML e-mail body, against the Markdown of the same document.

function htmlFigures(doc, minutes, runs) {
  const { renderMinutesHtml, renderMinutesMarkdown } = minutes;
  const time = (render) => {
    collectGarbage();
    const started = performance.now();
    render(doc);
    return performance.now() - started;
  };
  for (let index = 0; index < WARMUP * 3; index += 1) {
    time(renderMinutesHtml);
    time(renderMinutesMarkdown);
  }
  const html = [];
  const markdown = [];
  for (let index = 0; index < runs; index += 1) {
    html.push(time(renderMinutesHtml));
    markdown.push(time(renderMinutesMarkdown));
  }
  const htmlBytes = Buffer.byteLength(renderMinutesHtml(doc), 'utf8');
  const markdownBytes = Buffer.byteLength(renderMinutesMarkdown(doc), 'utf8');
  progress(
    `HTML ${median(html).toFixed(2)} ms (${htmlBytes} bytes), Markdown ${median(markdown).toFixed(2)} ms`,
  );
  return {
    timing: metric({
      name: 'htmlMs.large',
      unit: 'ms',
      samples: html,
      baseline: { name: 'renderMinutesMarkdown of the same doc', unit: 'ms', samples: markdown },
      target: { op: '<=', value: 30 },
    }),
    size: metric({
      name: 'htmlBytes.large',
      unit: 'bytes',
      value: htmlBytes,
      baseline: { name: 'the same doc as Markdown', unit: 'bytes', value: markdownBytes },
    }),
  };
}

function summary(values) {
  return {
    median: round2(median(values)),
    min: round2(Math.min(...values)),
    max: round2(Math.max(...values)),
    runs: values.length,
  };
}

const round2 = (value) => Math.round(value * 100) / 100;
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
