import { describe, expect, it } from "vitest";
import { planTick, syncSlot, type TickAccount } from "../../src/worker/schedule.js";

const account = (id: number, overrides: Partial<TickAccount> = {}): TickAccount => ({
  id,
  status: "active",
  provider: "gmail",
  time_zone: "America/Chicago",
  digest_weekday: 1,
  digest_time: "08:00",
  ...overrides,
});

describe("scheduler ticks", () => {
  it("spreads syncs over the interval: each account once every N minutes", () => {
    const start = Date.parse("2026-03-04T00:00:00Z");
    const hits = new Map<number, number>();
    for (let m = 0; m < 30; m++) {
      for (const id of [1, 2, 3, 4, 5, 6, 7]) {
        if (syncSlot(id, new Date(start + m * 60_000), 5)) hits.set(id, (hits.get(id) ?? 0) + 1);
      }
    }
    expect([...hits.values()]).toEqual([6, 6, 6, 6, 6, 6, 6]);
  });

  it("enqueues a digest cycle at the account's local send time until that week's digest is sent", () => {
    const accounts = [account(1), account(2, { time_zone: "Asia/Tokyo" }), account(3, { status: "needs_reauth" })];
    const monday8Chicago = new Date("2026-03-09T13:00:00Z");
    expect(planTick(accounts, new Set(), monday8Chicago, 5).digest).toEqual([1, 2, 3]);
    expect(planTick(accounts, new Set(["1:2026-03-09", "3:2026-03-09"]), monday8Chicago, 5).digest).toEqual([2]);
    expect(planTick(accounts, new Set(), new Date("2026-03-09T12:59:00Z"), 5).digest).toEqual([2]);
    // A dry run never records a digest as sent: it must not enqueue a cycle every minute for the rest of the week.
    expect(planTick(accounts, new Set(), monday8Chicago, 5, false, false).digest).toEqual([]);
  });

  it("leaves paused, disabled and offline accounts alone; catches everyone up on start", () => {
    const accounts = [account(1, { status: "paused" }), account(2, { provider: "offline" }), account(3), account(4)];
    const sunday = new Date("2026-03-08T12:00:00Z");
    expect(planTick(accounts, new Set(["3:2026-03-02", "4:2026-03-02"]), sunday, 60, true)).toEqual({
      sync: [3, 4],
      digest: [],
    });
  });
});
