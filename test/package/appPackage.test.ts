/**
 * The Teams app package (scripts/lib/appPackage.mjs, used by `npm run package`): it is built from
 * the committed template, env files and icons, validated offline against the bundled manifest
 * schema v1.30, and refuses what Teams would refuse.
 *
 * The library is ESM; jest runs CommonJS, so each call runs in a child Node process
 * (test/package/runLib.mjs) in which fetch and sockets throw and every attempt is reported back.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';

const ROOT = path.resolve(__dirname, '..', '..');
const RUNNER = path.join(__dirname, 'runLib.mjs');
const SCHEMA_URL =
  'https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json';

/**
 * Every resource-specific consent permission Minutebook may ask for, with its type and why. A
 * permission the manifest gains must be added here with its purpose (and to docs/teams-app.md).
 */
const KNOWN_RSC_PERMISSIONS: Record<
  string,
  { type: 'Delegated' | 'Application'; purpose: string }
> = {
  'MeetingStage.Write.Chat': {
    type: 'Delegated',
    purpose: 'share the live minutes view to the meeting stage (meeting.shareAppContentToStage)',
  },
  'OnlineMeeting.ReadBasic.Chat': {
    type: 'Application',
    purpose: "read the meeting's basic details (subject, start and end, organiser, join URL)",
  },
  'OnlineMeetingParticipant.Read.Chat': {
    type: 'Application',
    purpose: "read the meeting's participants and their roles, to prefill attendance",
  },
};

interface Outcome<T> {
  result: T;
  error: string | null;
  networkAttempts: string[];
}

interface BuildResult {
  ok: boolean;
  errors: string[];
  zipPath: string | null;
  manifest: Manifest | null;
  entries: string[];
}

// Only the parts the tests read; the schema is the real definition.
interface Manifest {
  $schema?: string;
  manifestVersion: string;
  id: string;
  accentColor?: string;
  validDomains: string[];
  configurableTabs: Array<{ configurationUrl: string; scopes: string[]; context: string[] }>;
  staticTabs: Array<{ contentUrl: string; scopes: string[] }>;
  webApplicationInfo: { id: string; resource: string };
  authorization: { permissions: { resourceSpecific: Array<{ name: string; type: string }> } };
}

/** Calls an export of appPackage.mjs in a child process without network; {$file} args are bytes. */
function callLib<T>(fn: string, ...args: unknown[]): T {
  const child = spawnSync(process.execPath, [RUNNER], {
    cwd: ROOT,
    input: JSON.stringify({ fn, args }),
    encoding: 'utf8',
    timeout: 20000,
  });
  if (child.status !== 0) throw new Error(`runLib.mjs failed (${child.status}): ${child.stderr}`);
  const outcome = JSON.parse(child.stdout) as Outcome<T>;
  expect(outcome.networkAttempts).toEqual([]);
  if (outcome.error !== null) throw new Error(outcome.error);
  return outcome.result;
}

function writePng(
  file: string,
  width: number,
  height: number,
  rgba: [number, number, number, number],
) {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i += 1) png.data.set(rgba, i * 4);
  fs.writeFileSync(file, PNG.sync.write(png));
}

const realFetch = globalThis.fetch;
let tmp: string;
let built: BuildResult;

beforeAll(() => {
  globalThis.fetch = () => {
    throw new Error('The network is disabled in this test.');
  };
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minutebook-package-'));
  built = callLib<BuildResult>('buildAppPackage', { env: 'local', outDir: path.join(tmp, 'out') });
});

afterAll(() => {
  globalThis.fetch = realFetch;
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm run package (local)', () => {
  it('builds minutebook.local.zip holding exactly manifest.json, color.png and outline.png', async () => {
    expect(built.errors).toEqual([]);
    expect(built.ok).toBe(true);
    expect(built.zipPath).toBe(path.join(tmp, 'out', 'minutebook.local.zip'));

    const zip = await JSZip.loadAsync(fs.readFileSync(built.zipPath as string));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(Object.values(zip.files).every((entry) => !entry.dir)).toBe(true);

    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
    expect(manifest).toEqual(built.manifest);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(manifest.configurableTabs[0]!.configurationUrl).toBe(
      'https://localhost:53000/tab/settings.html',
    );
    expect(manifest.staticTabs[0]!.contentUrl).toBe('https://localhost:53000/tab/my-actions.html');
    expect(manifest.validDomains).toEqual(['localhost:53000']);
    expect(manifest.webApplicationInfo.resource).toBe(
      `api://localhost:53000/${manifest.webApplicationInfo.id}`,
    );

    for (const [name, size] of [
      ['color.png', 192],
      ['outline.png', 32],
    ] as const) {
      const png = PNG.sync.read(await zip.file(name)!.async('nodebuffer'));
      expect([name, png.width, png.height]).toEqual([name, size, size]);
    }
  });

  it('validates against the bundled v1.30 schema, never the network', () => {
    const manifest = built.manifest as Manifest;
    expect(manifest.$schema).toBe(SCHEMA_URL);
    expect(manifest.manifestVersion).toBe('1.30');

    const schemaFile = callLib<string | null>('bundledSchemaPath', SCHEMA_URL);
    expect(schemaFile).toBe(
      path.join(
        ROOT,
        'node_modules/@microsoft/app-manifest/build/json-schemas/teams/v1.30/MicrosoftTeams.schema.json',
      ),
    );
    expect(callLib<string[]>('validateManifest', manifest)).toEqual([]);

    // Another schema URL is refused, not fetched (callLib asserts no network attempt).
    const elsewhere = {
      ...manifest,
      $schema: 'https://example.com/teams/MicrosoftTeams.schema.json',
    };
    expect(callLib<string[]>('validateManifest', elsewhere)).toEqual([
      expect.stringContaining('manifest.json/$schema'),
    ]);
  });

  it('refuses the lowercase "groupchat" scope', () => {
    const manifest = structuredClone(built.manifest as Manifest);
    manifest.configurableTabs[0]!.scopes = ['groupchat', 'team'];
    expect(callLib<string[]>('validateManifest', manifest)).toEqual([
      'manifest.json/configurableTabs/0/scopes/0: must be equal to one of the allowed values: "team", "groupChat"',
    ]);
  });

  it('refuses a manifest without a required field', () => {
    const manifest = structuredClone(built.manifest as Manifest);
    delete manifest.accentColor;
    expect(callLib<string[]>('validateManifest', manifest)).toEqual([
      "manifest.json (top level): must have required property 'accentColor'",
    ]);
  });

  it('refuses tab URLs outside validDomains and an SSO resource for another client id', () => {
    const manifest = structuredClone(built.manifest as Manifest);
    manifest.staticTabs[0]!.contentUrl = 'https://elsewhere.example.com/tab/my-actions.html';
    manifest.webApplicationInfo.resource =
      'api://localhost:53000/11111111-2222-3333-4444-555555555555';
    const errors = callLib<string[]>('validateManifest', manifest);
    expect(errors).toEqual([
      expect.stringMatching(
        /^manifest.json\/staticTabs\/0\/contentUrl: host "elsewhere.example.com" is not in validDomains/,
      ),
      expect.stringMatching(/^manifest.json\/webApplicationInfo\/resource: ends in "11111111-/),
    ]);
  });
});

describe('environment variables', () => {
  function envDir(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(tmp, 'env-'));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  }
  const shared = [
    'TEAMS_APP_ID=3f2c9a52-5d0e-4c47-9d7b-1c2a3b4c5d6e',
    'TAB_ENDPOINT=https://mb-test.example.net',
    'AAD_APP_CLIENT_ID=0b7e4a43-1f59-4d52-9e0e-6f7a8b9c0d1e',
    'APP_NAME_SUFFIX=" (test)"',
  ].join('\n');

  it('names a missing variable and the file to set it in, and writes nothing', () => {
    const dir = envDir({ '.env.test': shared });
    const outDir = path.join(tmp, 'out-missing');
    const result = callLib<BuildResult>('buildAppPackage', { env: 'test', envDir: dir, outDir });
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      `Missing variable TAB_DOMAIN: the manifest template uses \${{TAB_DOMAIN}}; set TAB_DOMAIN=… in ${path.join(dir, '.env.test.user')} (or in ${path.join(dir, '.env.test')} if it is no secret and the same for everyone).`,
    ]);
    expect(fs.existsSync(outDir)).toBe(false);
  });

  it('takes env/.env.<env>.user over env/.env.<env>', () => {
    const dir = envDir({
      '.env.test': `${shared}\nTAB_DOMAIN=<your-tunnel>.devtunnels.ms\n`,
      '.env.test.user': 'TAB_DOMAIN=mb-test.example.net\n',
    });
    const result = callLib<BuildResult>('buildAppPackage', {
      env: 'test',
      envDir: dir,
      outDir: path.join(tmp, 'out-user'),
    });
    expect(result.errors).toEqual([]);
    expect(result.manifest!.validDomains).toEqual(['mb-test.example.net']);
    expect(result.manifest!.webApplicationInfo.resource).toBe(
      'api://mb-test.example.net/0b7e4a43-1f59-4d52-9e0e-6f7a8b9c0d1e',
    );
  });

  it('refuses a value still holding the example placeholder', () => {
    const dir = envDir({ '.env.test': `${shared}\nTAB_DOMAIN=<your-tunnel>.devtunnels.ms\n` });
    const result = callLib<BuildResult>('buildAppPackage', {
      env: 'test',
      envDir: dir,
      outDir: path.join(tmp, 'out-example'),
    });
    expect(result.errors).toEqual([
      expect.stringContaining('TAB_DOMAIN still holds the example value'),
    ]);
  });
});

describe('icons', () => {
  const committed = {
    color: { $file: path.join(ROOT, 'manifest', 'color.png') },
    outline: { $file: path.join(ROOT, 'manifest', 'outline.png') },
  };

  it('accepts the committed icons', () => {
    expect(callLib<string[]>('checkIcons', committed)).toEqual([]);
  });

  it('refuses a 100×100 color icon', () => {
    const file = path.join(tmp, 'color-100.png');
    writePng(file, 100, 100, [0x1f, 0x4e, 0x79, 255]);
    expect(callLib<string[]>('checkIcons', { ...committed, color: { $file: file } })).toEqual([
      'color.png: is 100×100; the color icon must be 192×192',
    ]);
  });

  it('refuses an outline icon without a transparent background', () => {
    const file = path.join(tmp, 'outline-opaque.png');
    writePng(file, 32, 32, [255, 255, 255, 255]);
    expect(callLib<string[]>('checkIcons', { ...committed, outline: { $file: file } })).toEqual([
      'outline.png: has no transparent pixel; the background must be transparent',
    ]);
  });

  it('refuses an outline icon with a pixel that is not white', () => {
    const png = PNG.sync.read(fs.readFileSync(path.join(ROOT, 'manifest', 'outline.png')));
    png.data.set([0x1f, 0x4e, 0x79, 255], (5 * 32 + 3) * 4);
    const file = path.join(tmp, 'outline-blue.png');
    fs.writeFileSync(file, PNG.sync.write(png));
    expect(callLib<string[]>('checkIcons', { ...committed, outline: { $file: file } })).toEqual([
      'outline.png: 1 visible pixel(s) are not white, e.g. (3, 5) is #1F4E79 at alpha 255; only #FFFFFF (any alpha) is allowed',
    ]);
  });

  it('stops the package build on a bad icon', () => {
    const manifestDir = fs.mkdtempSync(path.join(tmp, 'manifest-'));
    fs.copyFileSync(
      path.join(ROOT, 'manifest', 'manifest.template.json'),
      path.join(manifestDir, 'manifest.template.json'),
    );
    fs.copyFileSync(
      path.join(ROOT, 'manifest', 'outline.png'),
      path.join(manifestDir, 'outline.png'),
    );
    writePng(path.join(manifestDir, 'color.png'), 100, 100, [0x1f, 0x4e, 0x79, 255]);
    const outDir = path.join(tmp, 'out-bad-icon');
    const result = callLib<BuildResult>('buildAppPackage', { env: 'local', manifestDir, outDir });
    expect(result.errors).toEqual(['color.png: is 100×100; the color icon must be 192×192']);
    expect(fs.existsSync(outDir)).toBe(false);
  });
});

describe('resource-specific consent', () => {
  it('asks only for permissions this list knows, each with its purpose and type', () => {
    const requested = (built.manifest as Manifest).authorization.permissions.resourceSpecific;
    expect(requested.length).toBeGreaterThan(0);
    for (const { name, type } of requested) {
      const known = KNOWN_RSC_PERMISSIONS[name];
      expect({ name, known: known !== undefined }).toEqual({ name, known: true });
      expect({ name, type }).toEqual({ name, type: known!.type });
      expect(known!.purpose.length).toBeGreaterThan(10);
    }
  });

  it('has the stage permission the meetingStage context needs', () => {
    const manifest = built.manifest as Manifest;
    expect(manifest.configurableTabs[0]!.context).toContain('meetingStage');
    expect(manifest.authorization.permissions.resourceSpecific).toContainEqual({
      name: 'MeetingStage.Write.Chat',
      type: 'Delegated',
    });
  });
});
