/**
 * Builds the Teams app package: fills manifest/manifest.template.json from env/.env.<env> and
 * env/.env.<env>.user, validates the result offline against the Teams manifest schema bundled in
 * @microsoft/app-manifest, checks the icons and zips manifest.json, color.png and outline.png.
 *
 * Nothing here touches the network. Why not `AppManifestUtils.validateAgainstSchema`: in
 * @microsoft/app-manifest 1.1.2 the module requires `fs-extra` without declaring it, so it cannot
 * be loaded from this install. We use the same validator it uses (ajv-draft-04 + ajv-formats, with
 * the same options) on the same bundled schema file it maps the schema URL to.
 *
 * Every check returns a list of messages rather than throwing, so one run reports every problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { PNG } from 'pngjs';

const require = createRequire(import.meta.url);
const AjvDraft04 = require('ajv-draft-04');
const addFormats = require('ajv-formats');

/** The repository root (this file is scripts/lib/appPackage.mjs). */
export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const SCHEMA_URL =
  'https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json';

/** Variables that may be set to an empty value (e.g. no suffix on the production app's name). */
export const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);

export const ICON_SIZES = { color: 192, outline: 32 };

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const ENV_NAME = /^[a-z0-9][a-z0-9-]*$/;
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;

/** Shows a path relative to the repository when it is inside it. */
export function displayPath(file) {
  const relative = path.relative(ROOT_DIR, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

// ---------------------------------------------------------------------------------------------
// Environment files

/**
 * Parses a dotenv-style file: `KEY=value` lines, `#` comments, blank lines; a value may be wrapped
 * in single or double quotes (to keep leading spaces). Returns { values, errors }.
 */
export function parseEnvFile(text, fileLabel) {
  const values = {};
  const errors = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (!match) {
      errors.push(`${fileLabel}:${index + 1}: expected KEY=value, found "${line}"`);
      return;
    }
    const [, key, rawValue] = match;
    let value = rawValue.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
    } else if (quote === '"' || quote === "'") {
      errors.push(`${fileLabel}:${index + 1}: unterminated quote in the value of ${key}`);
      return;
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    values[key] = value;
  });
  return { values, errors };
}

/**
 * Reads env/.env.<env> (required) and then env/.env.<env>.user (optional, git-ignored, wins).
 * Returns { vars: {KEY: {value, file}}, files: [{path, exists}], errors }.
 */
export function loadEnv(envName, envDir = path.join(ROOT_DIR, 'env')) {
  const errors = [];
  const vars = {};
  const files = [];
  if (!ENV_NAME.test(envName)) {
    return {
      vars,
      files,
      errors: [`"${envName}" is not an environment name (lower-case letters, digits and -).`],
    };
  }
  const shared = path.join(envDir, `.env.${envName}`);
  const user = `${shared}.user`;
  for (const file of [shared, user]) {
    const exists = fs.existsSync(file);
    files.push({ path: file, exists });
    if (!exists) {
      if (file === shared) {
        const known = fs.existsSync(envDir)
          ? fs
              .readdirSync(envDir)
              .filter((name) => /^\.env\.[a-z0-9-]+$/.test(name))
              .map((name) => name.slice('.env.'.length))
          : [];
        errors.push(
          `There is no ${displayPath(shared)}; environments: ${known.join(', ') || 'none'}.`,
        );
      }
      continue;
    }
    const parsed = parseEnvFile(fs.readFileSync(file, 'utf8'), displayPath(file));
    errors.push(...parsed.errors);
    for (const [key, value] of Object.entries(parsed.values)) vars[key] = { value, file };
  }
  return { vars, files, errors };
}

/** Values the package script supplies when no env file sets them. */
export function builtInVariables() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8'));
  return { APP_VERSION: { value: pkg.version, file: 'package.json "version"' } };
}

// ---------------------------------------------------------------------------------------------
// Template

/** The distinct `${{NAME}}` variables a template uses, in order of first use. */
export function templateVariables(templateText) {
  return [...new Set([...templateText.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/**
 * Replaces every `${{NAME}}` with its value, JSON-escaped (the placeholders sit inside JSON
 * strings). `vars` maps NAME to {value, file}. Returns { text, errors }; each missing, empty or
 * still-an-example variable is named together with the file to set it in.
 */
export function fillTemplate(templateText, vars, { envName = 'local', envDir } = {}) {
  const userFile = displayPath(
    path.join(envDir ?? path.join(ROOT_DIR, 'env'), `.env.${envName}.user`),
  );
  const sharedFile = displayPath(
    path.join(envDir ?? path.join(ROOT_DIR, 'env'), `.env.${envName}`),
  );
  const errors = [];
  for (const name of templateVariables(templateText)) {
    const entry = vars[name];
    if (entry === undefined) {
      errors.push(
        `Missing variable ${name}: the manifest template uses \${{${name}}}; set ${name}=… in ${userFile} (or in ${sharedFile} if it is no secret and the same for everyone).`,
      );
    } else if (entry.value === '' && !MAY_BE_EMPTY.has(name)) {
      errors.push(`Variable ${name} is empty in ${displayPath(entry.file)}; give it a value.`);
    } else if (name.endsWith('_ENDPOINT') && entry.value.endsWith('/')) {
      errors.push(
        `Variable ${name} ends with "/" in ${displayPath(entry.file)}; give the base URL without it.`,
      );
    } else if (/<[^<>]*>/.test(entry.value)) {
      errors.push(
        `Variable ${name} still holds the example value "${entry.value}" (from ${displayPath(entry.file)}); set the real value in ${userFile}.`,
      );
    }
  }
  if (errors.length > 0) return { text: null, errors };
  const text = templateText.replace(PLACEHOLDER, (_whole, name) =>
    JSON.stringify(vars[name].value).slice(1, -1),
  );
  return { text, errors };
}

// ---------------------------------------------------------------------------------------------
// Schema validation

/**
 * Where @microsoft/app-manifest bundles the schema for a developer.microsoft.com schema URL (the
 * same mapping as its fetchSchema). Returns null for any other URL: we never fetch a schema.
 */
export function bundledSchemaPath(schemaUrl) {
  const match =
    /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(json-schemas\/teams\/v[0-9.]+\/MicrosoftTeams\.schema\.json)$/i.exec(
      schemaUrl ?? '',
    );
  if (!match) return null;
  const packageDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(packageDir, 'build', match[1]);
  return fs.existsSync(file) ? file : null;
}

const validators = new Map();

function schemaValidator(schemaFile) {
  let validate = validators.get(schemaFile);
  if (!validate) {
    // As in fetchSchema: some bundled schemas hold "\a" and "\v", which JSON does not allow.
    const raw = fs
      .readFileSync(schemaFile, 'utf8')
      .replace(/\\a/g, '\\u0007')
      .replace(/\\v/g, '\\u000b');
    const Ajv = AjvDraft04.default ?? AjvDraft04;
    const ajv = new Ajv({ allErrors: true, strictTypes: false });
    (addFormats.default ?? addFormats)(ajv, ['uri', 'email', 'regex']);
    validate = ajv.compile(JSON.parse(raw));
    validators.set(schemaFile, validate);
  }
  return validate;
}

function formatSchemaError(error) {
  const where = `manifest.json${error.instancePath || ' (top level)'}`;
  const params = error.params ?? {};
  if (params.allowedValues) {
    return `${where}: ${error.message}: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (params.additionalProperty) {
    return `${where}: ${error.message} ("${params.additionalProperty}")`;
  }
  return `${where}: ${error.message}`;
}

function hostMatches(host, domain) {
  const h = host.toLowerCase();
  const d = domain.toLowerCase();
  if (d.startsWith('*.')) return h.endsWith(d.slice(1)) && h.length > d.length - 1;
  return h === d;
}

/**
 * Validates a filled manifest: the JSON schema its $schema names (bundled copy, v1.30 expected),
 * then what the schema cannot say: semver version, tab URLs inside validDomains, and the SSO
 * resource `api://<domain>/<client id>` matching webApplicationInfo.id. Returns messages.
 */
export function validateManifest(manifest) {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    return ['manifest.json: is not a JSON object'];
  }
  if (manifest.$schema !== SCHEMA_URL) {
    return [
      `manifest.json/$schema: is "${manifest.$schema}"; Minutebook's package is built for ${SCHEMA_URL}`,
    ];
  }
  const schemaFile = bundledSchemaPath(manifest.$schema);
  if (!schemaFile) {
    return [
      `manifest.json/$schema: no bundled copy of ${manifest.$schema} in @microsoft/app-manifest; it is not fetched`,
    ];
  }
  const validate = schemaValidator(schemaFile);
  const errors = validate(JSON.parse(JSON.stringify(manifest)))
    ? []
    : (validate.errors ?? []).map(formatSchemaError);

  if (typeof manifest.version === 'string' && !SEMVER.test(manifest.version)) {
    errors.push(`manifest.json/version: "${manifest.version}" is not MAJOR.MINOR.PATCH`);
  }
  const domains = Array.isArray(manifest.validDomains) ? manifest.validDomains : [];
  const tabUrls = [
    ...(manifest.configurableTabs ?? []).map((tab, i) => [
      `configurableTabs/${i}/configurationUrl`,
      tab?.configurationUrl,
    ]),
    ...(manifest.staticTabs ?? []).flatMap((tab, i) => [
      [`staticTabs/${i}/contentUrl`, tab?.contentUrl],
      [`staticTabs/${i}/websiteUrl`, tab?.websiteUrl],
    ]),
  ];
  for (const [where, url] of tabUrls) {
    if (typeof url !== 'string') continue;
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      errors.push(`manifest.json/${where}: "${url}" is not a URL`);
      continue;
    }
    if (parsed.protocol !== 'https:') {
      errors.push(`manifest.json/${where}: "${url}" must use https (Teams loads tabs over TLS)`);
    }
    if (!domains.some((domain) => hostMatches(parsed.host, domain))) {
      errors.push(
        `manifest.json/${where}: host "${parsed.host}" is not in validDomains (${JSON.stringify(domains)})`,
      );
    }
  }
  const app = manifest.webApplicationInfo;
  if (app && typeof app.id === 'string' && GUID.test(app.id)) {
    const resource = /^api:\/\/([^/]+)\/([^/]+)$/.exec(app.resource ?? '');
    if (!resource) {
      errors.push(
        `manifest.json/webApplicationInfo/resource: "${app.resource}" is not api://<domain>/<client id>`,
      );
    } else {
      if (resource[2].toLowerCase() !== app.id.toLowerCase()) {
        errors.push(
          `manifest.json/webApplicationInfo/resource: ends in "${resource[2]}", not the client id ${app.id}`,
        );
      }
      if (!domains.some((domain) => hostMatches(resource[1], domain))) {
        errors.push(
          `manifest.json/webApplicationInfo/resource: domain "${resource[1]}" is not in validDomains`,
        );
      }
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Icons

function readPng(buffer, label, errors) {
  try {
    return PNG.sync.read(buffer);
  } catch (error) {
    errors.push(`${label}: not a readable PNG (${error instanceof Error ? error.message : error})`);
    return null;
  }
}

function hex(r, g, b) {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0').toUpperCase()).join('')}`;
}

/**
 * Teams' icon rules: color.png 192×192; outline.png 32×32 with a transparent background and no
 * colour but white (#FFFFFF at any alpha). `icons` holds the two PNG files' bytes.
 */
export function checkIcons(
  { color, outline },
  names = { color: 'color.png', outline: 'outline.png' },
) {
  const errors = [];
  const colorPng = readPng(color, names.color, errors);
  if (colorPng && (colorPng.width !== ICON_SIZES.color || colorPng.height !== ICON_SIZES.color)) {
    errors.push(
      `${names.color}: is ${colorPng.width}×${colorPng.height}; the color icon must be ${ICON_SIZES.color}×${ICON_SIZES.color}`,
    );
  }
  const outlinePng = readPng(outline, names.outline, errors);
  if (!outlinePng) return errors;
  const { width, height, data } = outlinePng;
  if (width !== ICON_SIZES.outline || height !== ICON_SIZES.outline) {
    errors.push(
      `${names.outline}: is ${width}×${height}; the outline icon must be ${ICON_SIZES.outline}×${ICON_SIZES.outline}`,
    );
  }
  let transparent = 0;
  let visible = 0;
  let notWhite = 0;
  let firstNotWhite = '';
  for (let i = 0; i < width * height; i += 1) {
    const [r, g, b, a] = data.subarray(i * 4, i * 4 + 4);
    if (a === 0) {
      transparent += 1;
      continue;
    }
    visible += 1;
    if (r !== 255 || g !== 255 || b !== 255) {
      notWhite += 1;
      if (!firstNotWhite) {
        firstNotWhite = `(${i % width}, ${Math.floor(i / width)}) is ${hex(r, g, b)} at alpha ${a}`;
      }
    }
  }
  if (transparent === 0) {
    errors.push(`${names.outline}: has no transparent pixel; the background must be transparent`);
  }
  if (notWhite > 0) {
    errors.push(
      `${names.outline}: ${notWhite} visible pixel(s) are not white, e.g. ${firstNotWhite}; only #FFFFFF (any alpha) is allowed`,
    );
  }
  if (visible === 0) errors.push(`${names.outline}: is fully transparent; draw the mark in white`);
  return errors;
}

// ---------------------------------------------------------------------------------------------
// The package

const ICON_NAME = /^[A-Za-z0-9_-]+\.png$/;

/**
 * Builds appPackage/build/minutebook.<env>.zip (or into `outDir`). Options: env ('local'),
 * outDir, envDir (env/), manifestDir (manifest/: manifest.template.json and the icons).
 * Returns { ok, errors, zipPath, manifest, entries, envFiles }; writes nothing unless ok.
 */
export async function buildAppPackage({
  env = 'local',
  outDir = path.join(ROOT_DIR, 'appPackage', 'build'),
  envDir = path.join(ROOT_DIR, 'env'),
  manifestDir = path.join(ROOT_DIR, 'manifest'),
} = {}) {
  const result = {
    ok: false,
    errors: [],
    zipPath: null,
    manifest: null,
    entries: [],
    envFiles: [],
  };
  const loaded = loadEnv(env, envDir);
  result.envFiles = loaded.files.map((file) => ({ ...file, path: displayPath(file.path) }));
  result.errors.push(...loaded.errors);
  if (loaded.errors.length > 0) return result;

  const templateFile = path.join(manifestDir, 'manifest.template.json');
  const template = fs.readFileSync(templateFile, 'utf8');
  const filled = fillTemplate(
    template,
    { ...builtInVariables(), ...loaded.vars },
    { envName: env, envDir },
  );
  result.errors.push(...filled.errors);
  if (filled.text === null) return result;

  let manifest;
  try {
    manifest = JSON.parse(filled.text);
  } catch (error) {
    result.errors.push(
      `${displayPath(templateFile)}: not valid JSON once filled (${error instanceof Error ? error.message : error})`,
    );
    return result;
  }
  result.manifest = manifest;
  result.errors.push(...validateManifest(manifest));

  const iconFiles = {};
  for (const kind of ['color', 'outline']) {
    const name = manifest.icons?.[kind];
    if (typeof name !== 'string' || !ICON_NAME.test(name)) {
      result.errors.push(
        `manifest.json/icons/${kind}: "${name}" must name a .png file at the package root`,
      );
      continue;
    }
    const file = path.join(manifestDir, name);
    if (!fs.existsSync(file)) {
      result.errors.push(
        `${displayPath(file)}: missing (manifest.json/icons/${kind}); run node scripts/make-icons.mjs`,
      );
      continue;
    }
    iconFiles[kind] = { name, bytes: fs.readFileSync(file) };
  }
  if (iconFiles.color && iconFiles.outline) {
    if (iconFiles.color.name === iconFiles.outline.name) {
      result.errors.push('manifest.json/icons: color and outline must be two different files');
    } else {
      result.errors.push(
        ...checkIcons(
          { color: iconFiles.color.bytes, outline: iconFiles.outline.bytes },
          { color: iconFiles.color.name, outline: iconFiles.outline.name },
        ),
      );
    }
  }
  if (result.errors.length > 0) return result;

  // A fixed date keeps the zip byte-identical for identical inputs.
  const date = new Date(Date.UTC(2020, 0, 1));
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date });
  zip.file(iconFiles.color.name, iconFiles.color.bytes, { date });
  zip.file(iconFiles.outline.name, iconFiles.outline.bytes, { date });
  const bytes = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    platform: 'UNIX',
  });
  fs.mkdirSync(outDir, { recursive: true });
  result.zipPath = path.join(outDir, `minutebook.${env}.zip`);
  fs.writeFileSync(result.zipPath, bytes);
  result.entries = Object.keys(zip.files);
  result.ok = true;
  return result;
}
