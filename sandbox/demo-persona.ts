/**
 * The sandbox persona: Jordan Lee, changing careers into UX research, with a Gmail account (a few hundred messages,
 * a dozen informational threads at every stage, a calendar) and a smaller Outlook account from a previous job.
 * Deterministic: the same `now` always gives the same mail.
 */
import type { GeneratedMailbox } from "./mailbox-generator.js";
import { generateMailbox } from "./mailbox-generator.js";

export const DEMO_NOW = new Date("2026-04-15T17:30:00Z");
const DEMO_TIME_ZONE = "America/New_York";

interface DemoPersona {
  gmail: GeneratedMailbox;
  outlook: GeneratedMailbox;
}

/** Jordan's Gmail signature, as Gmail keeps it (HTML); drafts made through the API carry it only because Rapport adds it. */
const GMAIL_SIGNATURE = "<div>Jordan Lee<br>Service designer, moving into UX research<br>Brooklyn, NY</div>";

export function demoPersona(now: Date = DEMO_NOW): DemoPersona {
  return {
    gmail: {
      ...generateMailbox({
        seed: "rapport-demo-gmail",
        size: 360,
        informationalThreads: 12,
        now,
        spanDays: 300,
        owner: { address: "jordan.lee@gmail.example", name: "Jordan Lee" },
        timeZone: DEMO_TIME_ZONE,
      }),
      signature: GMAIL_SIGNATURE,
    },
    outlook: generateMailbox({
      seed: "rapport-demo-outlook",
      size: 140,
      informationalThreads: 4,
      now,
      spanDays: 300,
      owner: { address: "jordan.lee@outlook.example", name: "Jordan Lee" },
      timeZone: DEMO_TIME_ZONE,
    }),
  };
}
