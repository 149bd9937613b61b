/**
 * `npm run grant -- --data-dir ./.data --tenant local --committee demo-opsg --user local:ines.carvalho --role owner`
 *
 * The administrator's way out when no owner of a committee can be reached (they left, their
 * account was deleted): gives a user a role directly in the store, recorded in the committee's
 * grant history as by "administrator". Without --user it lists the committee's roles. Run it on
 * the server's machine, against the server's data directory (the server may keep running).
 */
import fs from 'node:fs';
import path from 'node:path';
import { COMMITTEE_ROLES, DomainError, type CommitteeRole } from '../domain';
import { DATABASE_FILE, SqliteStore } from '../store';

const USAGE = `Usage: npm run grant -- --data-dir <dir> --tenant <tenant id> --committee <committee id> [--user <user id> --role owner|noteTaker|member|none [--name "<display name>"]]
  <tenant id>  "local" in local mode, the tenant's GUID in Teams mode
  <user id>    "local:<name>" in local mode, the user's Entra object id in Teams mode
  Without --user, lists who holds which role.`;

export interface GrantCommand {
  dataDir: string;
  tenantId: string;
  committeeId: string;
  change: { userId: string; displayName: string; role: CommitteeRole | null } | null;
}

class UsageError extends Error {}

export function parseGrantArguments(argv: readonly string[]): GrantCommand {
  const values = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 2) {
    const key = argv[index] ?? '';
    const value = argv[index + 1];
    if (!/^--(data-dir|tenant|committee|user|role|name)$/.test(key) || value === undefined) {
      throw new UsageError(`"${key}" is not an option here, or has no value.`);
    }
    values.set(key.slice(2), value);
  }
  const required = (name: string) => {
    const value = values.get(name);
    if (!value) throw new UsageError(`--${name} is required.`);
    return value;
  };
  const user = values.get('user');
  let change: GrantCommand['change'] = null;
  if (user !== undefined) {
    const role = required('role');
    if (role !== 'none' && !(COMMITTEE_ROLES as readonly string[]).includes(role)) {
      throw new UsageError(`--role must be owner, noteTaker, member or none, not "${role}".`);
    }
    change = {
      userId: user,
      displayName: values.get('name') ?? user.replace(/^local:/, ''),
      role: role === 'none' ? null : (role as CommitteeRole),
    };
  } else if (values.has('role')) {
    throw new UsageError('--role needs --user.');
  }
  return {
    dataDir: required('data-dir'),
    tenantId: required('tenant'),
    committeeId: required('committee'),
    change,
  };
}

export async function runGrant(command: GrantCommand, now = new Date()): Promise<string> {
  const file = path.join(command.dataDir, DATABASE_FILE);
  if (!fs.existsSync(file)) {
    throw new UsageError(`There is no Minutebook database at ${file}; give the server's DATA_DIR.`);
  }
  const store = new SqliteStore(command.dataDir);
  try {
    const committee = await store.getCommittee(command.tenantId, command.committeeId);
    if (!committee) {
      throw new UsageError(
        `Tenant "${command.tenantId}" has no committee "${command.committeeId}"; check both ids.`,
      );
    }
    if (command.change) {
      await store.changeGrants(
        command.tenantId,
        committee.id,
        [command.change],
        'administrator',
        now.toISOString(),
      );
    }
    const rank = (role: CommitteeRole) => COMMITTEE_ROLES.indexOf(role);
    const grants = (await store.listGrants(command.tenantId, committee.id)).sort(
      (a, b) => rank(a.role) - rank(b.role) || a.userId.localeCompare(b.userId),
    );
    const lines = grants.map(
      (grant) => `  ${grant.role.padEnd(9)} ${grant.userId} (${grant.displayName})`,
    );
    return [`Roles on ${committee.name} (${committee.id}):`, ...lines].join('\n');
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  Promise.resolve()
    .then(() => runGrant(parseGrantArguments(process.argv.slice(2))))
    .then((report) => process.stdout.write(`${report}\n`))
    .catch((error: unknown) => {
      const known = error instanceof UsageError || error instanceof DomainError;
      process.stderr.write(
        `${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n${error instanceof UsageError ? `${USAGE}\n` : ''}`,
      );
      process.exit(1);
    });
}
