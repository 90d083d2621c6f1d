import { Hono, type Context } from 'hono';
import { can, fieldRules } from '../access/policy.ts';
import { newId } from '../db/ids.ts';
import { empty, items, json, problem, ref, string } from '../http/api-schemas.ts';
import { contract, SIGNED_IN, type JsonSchema } from '../http/contract.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { notFound, Problem } from '../http/problem.ts';
import { recordFor } from '../records/request.ts';
import { getRecord } from '../records/store.ts';
import { isFileField } from './claim.ts';
import { noteFile } from './history.ts';
import { CONTENT_TYPES } from './sniff.ts';
import { attachmentJson, contentStream, deleteAttachment, PENDING_BYTES, PENDING_FILES, pendingOf, recordAttachments, storeAttachment } from './store.ts';
import { receive, tenantLimits, type Received } from './upload.ts';
import { readableAttachment } from './visible.ts';

const FILE_BODY = {
  schema: { type: 'string', format: 'binary' } as JsonSchema,
  description: 'The file’s bytes as they are. Any Content-Type may be sent: it is not used — what the file is, is read from its bytes.',
  contentType: 'application/octet-stream',
};
const NAME = { schema: { type: 'string', maxLength: 1000 }, required: true, description: 'The file’s name; paths and unseen characters are dropped.' };
const REFUSALS = {
  413: problem('Larger than the company’s limit (`maxMegabytes`); nothing was kept.'),
  415: problem('Not a kind of file the company accepts (`accepted` lists the kinds); nothing was kept.'),
  422: problem('No name, an empty file, or a field that is not a file field you may fill.'),
};

// RFC 5987: what encodeURIComponent leaves alone but a header parameter may not hold.
const headerValue = (name: string) => encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/** A file just kept, as the API answers it. */
const fresh = (c: Context<AppEnv>, id: string, file: Received, field: string | null, now: number) => {
  const actor = c.get('actor');
  const size = file.bytes.byteLength;
  return attachmentJson({
    id,
    field,
    name: file.name,
    contentType: file.sniffed.contentType,
    size,
    createdBy: { id: actor.userId, name: actor.name },
    createdAt: now,
  });
};

/** Files on records and in file fields: upload, list, download, delete — each readable exactly as its record is. */
export function attachmentRoutes(deps: Deps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();
  const route = contract(deps);

  app.get(
    '/records/:entity/:id/attachments',
    route({
      summary: 'A record’s files',
      description: 'Newest first: its attachments and the files of its file fields, except those of fields hidden from you.',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      responses: { 200: json('Its files.', items(ref('Attachment'))), 404: problem('No such record, or one outside your scope (the same answer).') },
    }),
    async (c) => {
      const { scope, record } = await recordFor(db.client, c, 'read');
      return c.json({ items: (await recordAttachments(db.client, scope, record.id)).map(attachmentJson) });
    },
  );

  app.post(
    '/records/:entity/:id/attachments',
    route({
      summary: 'Attach a file to a record',
      description:
        'The body is the file. With `field`, the file is uploaded for that file field: it fills it once the record is saved with its id there (within 24 hours). Without, it is attached at once, on the timeline and audited. Needs the record’s update privilege.',
      access: SIGNED_IN,
      params: { entity: string, id: string },
      query: { name: NAME, field: { schema: { type: 'string', maxLength: 64 }, description: 'A file field of the record’s form.' } },
      body: FILE_BODY,
      responses: {
        201: json('The file as kept.', ref('Attachment')),
        403: problem('You may read the record but not change it.'),
        404: problem('No such record, or one outside your scope.'),
        ...REFUSALS,
      },
    }),
    async (c) => {
      const { actor, entity, def, scope, record } = await recordFor(db.client, c, 'update');
      const field = c.req.query('field') ?? null;
      const rules = fieldRules(actor, entity);
      const fillable =
        field === null || (Object.hasOwn(def.form.schema.properties, field) && isFileField(def.form.schema.properties[field]) && !rules.hidden.has(field));
      if (!fillable || (field !== null && rules.readonly.has(field)))
        throw new Problem(422, 'Files can be uploaded only for a file field you may fill.', [
          { path: '/field', message: 'is not a file field of this form you may change' },
        ]);
      const file = await receive(c, await tenantLimits(db.client, actor.tenantId));
      const now = deps.now();
      const id = newId();
      await db.write(async (tx) => {
        // The record may have gone while the file came in.
        if (!(await getRecord(tx, scope, record.id))) throw notFound();
        const kept = { name: file.name, contentType: file.sniffed.contentType, kind: file.sniffed.kind };
        const owner = { tenantId: actor.tenantId, createdBy: actor.userId, now };
        await storeAttachment(tx, { id, ...owner, ...kept, record: { entity, id: record.id }, field, pending: field !== null }, file.bytes);
        if (field === null)
          await noteFile(tx, { tenantId: actor.tenantId, actorId: actor.userId, now }, record, { id, ...kept, size: file.bytes.byteLength, field }, 'added');
      });
      return c.json(fresh(c, id, file, field, now), 201);
    },
  );

  app.post(
    '/attachments',
    route({
      summary: 'Upload a file for a record not created yet',
      description:
        'For the file field of a new record’s form: the file waits for you alone, for 24 hours, until a record you create or change names it in a file field. At most 20 files (200 MB) of yours wait at once.',
      access: SIGNED_IN,
      query: { name: NAME },
      body: FILE_BODY,
      responses: {
        201: json('The file, waiting for its record.', ref('Attachment')),
        ...REFUSALS,
        409: problem(`You already have ${PENDING_FILES} files (or ${PENDING_BYTES / 1024 / 1024} MB) waiting for a record; nothing was kept.`),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const file = await receive(c, await tenantLimits(db.client, actor.tenantId));
      const now = deps.now();
      const id = newId();
      const kept = { name: file.name, contentType: file.sniffed.contentType, kind: file.sniffed.kind };
      await db.write(async (tx) => {
        const waiting = await pendingOf(tx, actor.tenantId, actor.userId, now);
        if (waiting.files >= PENDING_FILES || waiting.bytes + file.bytes.byteLength > PENDING_BYTES)
          throw new Problem(409, 'Too many of your files are waiting for a record: save the record they are for, or remove some, before uploading more.');
        await storeAttachment(
          tx,
          { id, tenantId: actor.tenantId, createdBy: actor.userId, now, ...kept, record: null, field: null, pending: true },
          file.bytes,
        );
      });
      return c.json(fresh(c, id, file, null, now), 201);
    },
  );

  app.get(
    '/attachments/:id',
    route({
      summary: 'Download a file',
      description:
        "Readable exactly when its record is (and its field is not hidden from you). Served as a download (`Content-Disposition: attachment`; images `inline`, for previews), with `X-Content-Type-Options: nosniff` and `Content-Security-Policy: default-src 'none'; sandbox`.",
      access: SIGNED_IN,
      params: { id: string },
      responses: {
        200: { description: 'The file, as the type its bytes showed.', schema: { type: 'string', format: 'binary' }, contentType: CONTENT_TYPES },
        404: problem('No such file, or one you may not read (the same answer).'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const { attachment: a } = await readableAttachment(db.client, actor, c.req.param('id'), deps.now());
      const disposition = a.kind === 'image' ? 'inline' : 'attachment';
      return c.body(contentStream(db.client, actor.tenantId, a.id), 200, {
        'content-type': a.kind === 'text' ? `${a.contentType}; charset=utf-8` : a.contentType,
        'content-length': String(a.size),
        'content-disposition': `${disposition}; filename="${a.name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${headerValue(a.name)}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-store',
      });
    },
  );

  app.delete(
    '/attachments/:id',
    route({
      summary: 'Remove a file',
      description: 'Deleted with its bytes, on the record’s timeline and audited. Needs the record’s update privilege.',
      access: SIGNED_IN,
      params: { id: string },
      responses: {
        204: empty('Removed.'),
        403: problem('You may read its record but not change it.'),
        404: problem('No such file, or one you may not read (the same answer).'),
        409: problem('It fills a file field: empty the field instead.'),
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      const { attachment: a, record } = await readableAttachment(db.client, actor, c.req.param('id'), deps.now());
      if (record && !can(actor, 'update', record.entity, record)) throw new Problem(403, 'Your role may not change this record, nor remove its files.');
      if (record && a.field !== null && record.data[a.field] === a.id) {
        const label = actor.bundle.entities[record.entity]?.form.schema.properties[a.field]?.title ?? a.field;
        throw new Problem(409, `This file fills the field “${label}”: empty the field and save the record to remove it.`);
      }
      const now = deps.now();
      await db.write(async (tx) => {
        await deleteAttachment(tx, actor.tenantId, a.id);
        if (record && a.pendingUntil === null) await noteFile(tx, { tenantId: actor.tenantId, actorId: actor.userId, now }, record, a, 'removed');
      });
      return c.body(null, 204);
    },
  );

  return app;
}
