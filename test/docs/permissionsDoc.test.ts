/**
 * docs/permissions.md's role tables are the contract for administrators: every route of the
 * server's route table and every op type, with what each role may do, as the code decides it.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  COMMITTEE_ACTIONS,
  OPERATION_RULES,
  OPERATION_TYPES,
  roleSatisfies,
  type CommitteeRole,
} from '../../src/domain';
import { ROUTE_PERMISSIONS } from '../../src/server/routePermissions';

const ROLES: (CommitteeRole | null)[] = ['owner', 'noteTaker', 'member', null];
const doc = fs.readFileSync(path.join(__dirname, '../../docs/permissions.md'), 'utf8');
/** The doc's table rows, with Prettier's padding removed. */
const rows = new Set(
  doc
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.replace(/\s+/g, ' ').trim()),
);

describe('docs/permissions.md, "Roles in Minutebook"', () => {
  it('gives every route the roles the route table gives it', () => {
    const expected = Object.entries(ROUTE_PERMISSIONS).map(([route, permission]) => {
      const cells = ROLES.map((role) => {
        if (permission === 'signedIn') return 'yes';
        if (permission === 'listFiltered') return role ? 'yes, theirs' : 'yes, none';
        if (permission === 'perOperation') return role ? 'per op' : 'no';
        return roleSatisfies(role, COMMITTEE_ACTIONS[permission].role) ? 'yes' : 'no';
      });
      return `| \`${route}\` | ${cells.join(' | ')} |`;
    });
    expect(expected.filter((row) => !rows.has(row))).toEqual([]);
  });

  it('gives every op type the roles its rule gives it', () => {
    const expected = OPERATION_TYPES.map((type) => {
      const rule = OPERATION_RULES[type];
      const cells = ROLES.map((role) =>
        roleSatisfies(role, rule.role)
          ? 'yes'
          : role === 'member' && rule.memberMay
            ? 'own apologies'
            : 'no',
      );
      return `| \`${type}\` | ${cells.join(' | ')} |`;
    });
    expect(expected.filter((row) => !rows.has(row))).toEqual([]);
  });
});
