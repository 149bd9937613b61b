/**
 * /privacy and /terms: the pages the Teams app manifest links to (Teams requires both). They
 * state plainly what Minutebook stores and where, so an administrator can judge it.
 */
import type { FastifyInstance } from 'fastify';

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Minutebook</title>
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5;background:Canvas;color:CanvasText}</style>
</head><body><main><h1>${title}</h1>${body}</main></body></html>`;

const PRIVACY = page(
  'Privacy',
  `<p>Minutebook stores what the meeting secretary records in a meeting: attendance, notes,
decisions, actions and their updates, each change with the signed-in user's id and the time.
It keeps them in the database of the server your organisation runs (by default an SQLite file
in its data folder), separated by Microsoft 365 tenant.</p>
<p>In Teams, Minutebook verifies your Teams sign-in token and keeps your Microsoft Entra object id
with your changes. It keeps no password and no Microsoft Graph token.</p>
<p>Draft minutes, chat posts, e-mails and tasks that the secretary publishes go to your
organisation's own Microsoft 365 (SharePoint, Teams, Outlook, Planner, To Do) and are governed
there. To have data removed, ask your Minutebook administrator.</p>`,
);

const TERMS = page(
  'Terms of use',
  `<p>Minutebook is provided by your organisation for recording and publishing the minutes of its
committees. Use it for that purpose, within your organisation's policies for the classification
marked on each meeting (White, Green, Amber, Red).</p>
<p>Your Minutebook administrator is your point of contact for access, retention and support.</p>`,
);

export function legalRoutes(app: FastifyInstance): void {
  app.get('/privacy', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(PRIVACY),
  );
  app.get('/terms', async (_request, reply) => reply.type('text/html; charset=utf-8').send(TERMS));
}
