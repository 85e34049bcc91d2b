/** The page's actions about people: the LinkedIn import (an upload on the pipeline page). */
import { getAccount } from "../db/accounts.js";
import { LinkedInExportError } from "../domain/linkedin-export.js";
import { importLinkedIn } from "../jobs/import-linkedin.js";
import { HttpError } from "./http.js";
import { frame, page, type WebRequest } from "./request.js";

export async function importLinkedInAction(w: WebRequest, form: URLSearchParams): Promise<void> {
  const { ctx } = w.app;
  const account = await getAccount(ctx.db, Number(form.get("account")));
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
