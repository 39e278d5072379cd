import { EngineError, type Actor, type AttachmentRow, type InstanceRow } from '../../engine/index.js';
import type { Catalog } from '../catalog.js';
import { startCase, type StartedCase, type StartOptions } from '../binding/start-case.js';
import { CatalogError } from '../validation/catalog-error.js';
import { AddressNormaliser, type NormalisedAddress } from './address-normaliser.js';
import { nextTicketNumber } from './ticket-numbers.js';
import { holdsIntakePost, requireIntakePost, requireOwnIntake, takesInFor } from './intake-post.js';
import { insertIntake, intakeOf, intakeOfCase, likelyDuplicates, lockMergeStates, markMerged, mergedInto, readableTickets, type IntakeChannel, type IntakeRow } from '../store/intake-store.js';

/**
 * The variable that marks a case taken in here, with its channel: the case page asks for the intake only when it
 * is there, and a 重办 (which starts with the original's variables) carries it to the reopened case.
 */
export const INTAKE_VARIABLE = 'intakeChannel';

/** Same matter and place within this window counts as a likely duplicate (default 24 hours). */
export const DUPLICATE_WINDOW_MS = 24 * 3_600_000;

export interface IntakeInput {
  channel: IntakeChannel;
  matterCode: string;
  text: string;
  address?: string;
  /** When the caller already knows the region (a window clerk picked it); else the address decides. */
  regionCode?: string;
  location?: { longitude: number; latitude: number };
  reporter: Record<string, unknown>;
  /** The matter's form data, if it has a form; default { content: text }. */
  data?: Record<string, unknown>;
  /** The 案件编号; when absent the centre's next number of the day (12345-YYYYMMDD-NNNN) is given. */
  businessKey?: string;
  pictures?: Array<{ name: string; content: Buffer }>;
}

export interface IntakeOutcome {
  instance: InstanceRow;
  intake: IntakeRow;
  address: NormalisedAddress | null;
  duplicates: IntakeRow[];
}

const normalisers = new WeakMap<object, AddressNormaliser>();

export function addressNormaliser(catalog: Catalog): AddressNormaliser {
  let normaliser = normalisers.get(catalog.db);
  if (!normaliser) normalisers.set(catalog.db, (normaliser = new AddressNormaliser(catalog.db, catalog.engine.clock)));
  return normaliser;
}

/**
 * 集中受理: one ticket from any channel (phone, web, app, window) with the citizen's words, pictures
 * (before-photos on the case) and place. The address is normalised against the region tree; the ticket
 * starts as the matter's case in that region; open tickets of the same matter and place (region, or within
 * about 300 m when both have a location) within the window are offered as likely duplicates for merging.
 * Only holders of the intake post take in, and only tickets their own department runs (intake-post.ts).
 */
export async function takeIn(catalog: Catalog, actor: Actor, input: IntakeInput): Promise<IntakeOutcome> {
  requireIntakePost(actor);
  const address = input.address ? await addressNormaliser(catalog).normalise(input.address) : null;
  const regionCode = input.regionCode ?? address?.regionCode;
  if (!regionCode) {
    throw new CatalogError('invalid', input.address ? `No region was recognised in the address '${input.address}'` : 'Give an address or a region code', input.address ? `地址“${input.address}”中未识别出镇街或村居，请补充或选择区划` : '请填写地址或选择区划', [
      { code: 'address-unrecognised', field: input.address ? '/address' : '/regionCode', message: 'No region recognised', messageZh: '未识别出区划' },
    ]);
  }
  // Before a ticket number is taken: a town's staff take in tickets of their town only (D10).
  catalog.engine.startRegion(actor, regionCode);
  const request = { regionCode, applicant: input.reporter, data: input.data ?? { content: input.text } };
  const options: StartOptions = {
    variables: { [INTAKE_VARIABLE]: input.channel },
    beforeStart: (department) => requireOwnIntake(actor, department, catalog.engine.staff.directory.department(department)?.name ?? null),
  };
  const started = input.businessKey
    ? await startCase(catalog, actor, input.matterCode, { ...request, businessKey: input.businessKey }, options)
    : await startNumbered(catalog, actor, input.matterCode, request, options);
  const now = catalog.engine.clock.now();
  await insertIntake(catalog.db, {
    instanceId: started.instance.id,
    department: started.instance.department,
    channel: input.channel,
    matterCode: started.matterCode,
    regionCode,
    text: input.text,
    address: input.address ?? null,
    recognised: address?.recognised ?? [],
    longitude: input.location?.longitude ?? null,
    latitude: input.location?.latitude ?? null,
    receivedBy: actor.userId,
    receivedAt: now,
  });
  for (const picture of input.pictures ?? []) {
    await catalog.engine.operations.addAttachment(actor, started.instance.id, { name: picture.name, kind: 'before', content: picture.content });
  }
  const intake = (await intakeOf(catalog.db, started.instance.id))!;
  const duplicates = await likelyDuplicates(catalog.db, actor, { instanceId: intake.instanceId, matterCode: intake.matterCode, regionCode: intake.regionCode, at: new Date(intake.receivedAt), windowMs: DUPLICATE_WINDOW_MS, longitude: intake.longitude, latitude: intake.latitude });
  return { instance: started.instance, intake, address, duplicates };
}

/** Numbers a caller once gave by hand may lie ahead of the counter: a number in use is skipped, a few times at most. */
const NUMBER_ATTEMPTS = 5;

/** Starts the ticket under the centre's next 案件编号 (a ticket taken in without one would read 无案件编号 everywhere). */
async function startNumbered(catalog: Catalog, actor: Actor, matterCode: string, request: { regionCode: string; applicant: Record<string, unknown>; data: Record<string, unknown> }, options: StartOptions): Promise<StartedCase> {
  for (let attempt = 1; ; attempt++) {
    const businessKey = await nextTicketNumber(catalog.db, catalog.engine.clock.now());
    try {
      return await startCase(catalog, actor, matterCode, { ...request, businessKey }, options);
    } catch (error) {
      const taken = error instanceof EngineError && error.kind === 'conflict' && error.details.some((detail) => detail.field === '/businessKey');
      if (!taken || attempt >= NUMBER_ATTEMPTS) throw error;
    }
  }
}

export interface TicketIntake {
  /** How the ticket came in; for a 重办, how the ticket it reopens came in (its instanceId names that one). */
  intake: IntakeRow;
  /** For a ticket merged away: the ticket it was merged into. */
  master: IntakeRow | null;
  /** Open tickets of the same matter and place: for those who may merge them (the intake post of the owner). */
  duplicates: IntakeRow[];
  merged: IntakeRow[];
  /** The citizen's pictures on this case: its before-photos not taken at a step (a 重办 starts with copies). */
  pictures: AttachmentRow[];
  /** Which of the tickets named here (this one, the original, the master, the merged, the duplicates) the actor may open. */
  readable: Set<string>;
}

/**
 * The intake of a case the actor may read (its own, or that of the ticket a 重办 reopens), the tickets merged
 * into it, its master if it was merged, the citizen's pictures, and for holders of the intake post in the
 * department that owns it, the likely duplicates still open.
 */
export async function ticketIntake(catalog: Catalog, actor: Actor, instanceId: string): Promise<TicketIntake> {
  const instance = await catalog.engine.getInstance(actor, instanceId);
  const intake = await intakeOfCase(catalog.db, instance.id);
  if (!intake) throw new CatalogError('not-found', 'The case did not come in through 集中受理', '该案件不是集中受理的工单');
  const mayMerge = holdsIntakePost(actor) && takesInFor(actor, instance.department);
  const offered = mayMerge && intake.instanceId === instance.id && !intake.mergedInto;
  const [duplicates, merged, master, attachments] = await Promise.all([
    offered ? likelyDuplicates(catalog.db, actor, { instanceId: intake.instanceId, matterCode: intake.matterCode, regionCode: intake.regionCode, at: new Date(intake.receivedAt), windowMs: DUPLICATE_WINDOW_MS, longitude: intake.longitude, latitude: intake.latitude }) : Promise.resolve([]),
    mergedInto(catalog.db, intake.instanceId),
    intake.mergedInto ? intakeOf(catalog.db, intake.mergedInto) : Promise.resolve(undefined),
    catalog.engine.operations.attachments(actor, instance.id),
  ]);
  const others = [intake, ...(master ? [master] : []), ...merged, ...duplicates].map((row) => row.instanceId).filter((id) => id !== instance.id);
  const readable = await readableTickets(catalog.db, actor, others);
  return { intake, master: master ?? null, duplicates, merged, pictures: attachments.filter((file) => file.kind === 'before' && file.task_id === null), readable: readable.add(instance.id) };
}

/**
 * Merges a duplicate into its master ticket, atomically: the link is kept on the duplicate, which is closed (终止)
 * with the reason on its trail, in one transaction (a failure leaves both tickets as they were). Both must be open tickets of the same matter owned by the actor's department,
 * and the actor must hold the intake post.
 */
export async function mergeTicket(catalog: Catalog, actor: Actor, duplicateId: string, input: { masterId: string; reason: string }): Promise<IntakeRow> {
  const { engine } = catalog;
  const duplicate = await engine.ownedInstance(actor, duplicateId);
  requireIntakePost(actor);
  if (duplicate.id === input.masterId) throw new CatalogError('invalid', 'A ticket cannot be merged into itself', '工单不能合并到自身', [{ code: 'same-ticket', field: '/masterId', message: 'Same ticket', messageZh: '同一工单' }]);
  const one = await intakeOf(catalog.db, duplicate.id);
  if (!one) throw notAnIntake('/id');
  const master = await engine.getInstance(actor, input.masterId);
  const other = await intakeOf(catalog.db, master.id);
  if (!other) throw notAnIntake('/masterId');
  if (one.matterCode !== other.matterCode) throw new CatalogError('invalid', 'The tickets are of different matters', '两张工单的诉求类别不同，不能合并', [{ code: 'different-matter', field: '/masterId', message: 'Different matter', messageZh: '类别不同' }]);
  if (one.mergedInto || other.mergedInto) throw new CatalogError('conflict', 'One of the tickets is already merged', '其中一张工单已被合并');
  if (duplicate.status !== 'active' || master.status !== 'active') throw new CatalogError('conflict', 'Only open tickets can be merged', '只有在办工单可以合并');
  // One transaction: the duplicate is cancelled if and only if it is linked to its master.
  await engine.cancelInstance(actor, duplicate.id, {
    reason: `重复工单，合并至 ${master.business_key ?? master.id}：${input.reason}`,
    alongside: async (tx) => {
      // Checked again under the rows' locks: a merge or a closing that committed since the reads above wins.
      const rows = await lockMergeStates(tx, [duplicate.id, master.id]);
      const locked = rows.find((row) => row.instanceId === master.id);
      if (rows.length !== 2 || rows.some((row) => row.mergedInto) || locked?.status !== 'active') {
        throw new CatalogError('conflict', 'One of the tickets was merged or closed meanwhile: nothing was changed', '其中一张工单刚被合并或已办结，本次合并未做任何修改');
      }
      await markMerged(tx, { instanceId: duplicate.id, masterId: master.id, reason: input.reason, by: actor.userId, at: engine.clock.now() });
    },
  });
  return (await intakeOf(catalog.db, duplicate.id))!;
}

function notAnIntake(field: string): CatalogError {
  return new CatalogError('invalid', 'Only tickets taken in through 集中受理 can be merged', '只有集中受理的工单可以合并', [{ code: 'not-an-intake', field, message: 'Not an intake ticket', messageZh: '非集中受理工单' }]);
}
