/** The page's actions about people: the LinkedIn import (an upload on the pipeline page), per-person controls. */
import { getAccount } from "../db/accounts.js";
import { type ControlsChange, getContact } from "../db/person-controls.js";
import { LinkedInExportError } from "../domain/linkedin-export.js";
import { importLinkedIn } from "../jobs/import-linkedin.js";
import { PersonInputError, parseDays, parseSnooze, updatePerson } from "../jobs/people.js";
import { HttpError, redirect } from "./http.js";
import { pipelinePage } from "./pages.js";
import { frame, page, type WebRequest } from "./request.js";

export async function importLinkedInAction(w: WebRequest, form: URLSearchParams): Promise<void> {
  const { ctx } = w.app;
  const id = Number(form.get("account"));
  const account = Number.isSafeInteger(id) && id > 0 ? await getAccount(ctx.db, id) : null;
  if (!account) throw new HttpError(404, "no such account");
  const back = { account: { id: account.id, address: account.address } };
  if (!w.upload || w.upload.data.length === 0) {
    return page(
      w,
      400,
      "import",
      { ...frame(w, "LinkedIn import", "pipeline"), error: "Choose the Connections.csv file first." },
      back,
    );
  }
  try {
    const result = await importLinkedIn(ctx.db, account, w.upload.data, ctx.clock.now());
    ctx.log.info(
      { account: account.id, rows: result.rows, problems: result.problems.length },
      "linkedin import from the web page",
    );
    page(w, 200, "import", frame(w, "LinkedIn import", "pipeline"), {
      ...back,
      filename: w.upload.filename,
      result,
      skipped: result.problems.filter((p) => p.skipped).length,
    });
  } catch (error) {
    if (!(error instanceof LinkedInExportError)) throw error;
    page(
      w,
      400,
      "import",
      { ...frame(w, "LinkedIn import", "pipeline"), error: `${w.upload.filename}: ${error.message}` },
      back,
    );
  }
}

/** The account and contact a per-person form names (/people/ACCOUNT/CONTACT/…), both required to exist together. */
async function personOf(w: WebRequest) {
  const { ctx } = w.app;
  const account = await getAccount(ctx.db, Number(w.params[0]));
  const contact = account ? await getContact(ctx.db, account.id, Number(w.params[1])) : null;
  if (!account || !contact) throw new HttpError(404, "no such contact");
  return { account, contact };
}

/** Snooze, do-not-contact and a cadence of one's own, from the pipeline page's form for one person. */
export async function savePersonAction(w: WebRequest, form: URLSearchParams): Promise<void> {
  const { ctx } = w.app;
  const { account, contact } = await personOf(w);
  const now = ctx.clock.now();
  try {
    const snooze = (form.get("snoozed_until") ?? "").trim();
    const controls: ControlsChange = {
      // an unchanged date is kept as it is, even once it has passed
      snoozedUntil:
        snooze === "" ? null : snooze === contact.snoozed_until ? snooze : parseSnooze(snooze, now, account.time_zone),
      doNotContact: form.get("do_not_contact") === "1",
      checkInAfterDays: parseDays(form.get("check_in_after_days") ?? "", "check in after", 730),
      nudgeAfterBusinessDays: parseDays(form.get("nudge_after_business_days") ?? "", "nudge after", 60),
    };
    await updatePerson(ctx.db, account, contact, { controls }, now);
  } catch (error) {
    if (error instanceof PersonInputError) return pipelinePage(w, `${contact.address}: ${error.message}`, 400);
    throw error;
  }
  redirect(w.res, `/pipeline?notice=person-saved#contact-${contact.id}`);
}

/** "Log a touch": a call or a coffee that is in neither mail nor calendar. */
export async function logTouchAction(w: WebRequest, form: URLSearchParams): Promise<void> {
  const { ctx } = w.app;
  const { account, contact } = await personOf(w);
  try {
    const touch = { kind: form.get("kind") ?? "", on: form.get("on") ?? "", note: form.get("note") ?? "" };
    await updatePerson(ctx.db, account, contact, { touch }, ctx.clock.now());
  } catch (error) {
    if (error instanceof PersonInputError) return pipelinePage(w, `${contact.address}: ${error.message}`, 400);
    throw error;
  }
  redirect(w.res, `/pipeline?notice=touch-logged#contact-${contact.id}`);
}
