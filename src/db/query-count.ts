/**
 * Counts the round trips the application makes to its database: every statement Kysely sends, and BEGIN, COMMIT and
 * ROLLBACK of its transactions, on PGlite and Postgres alike (a wrapper around the dialect's driver, so nothing
 * bypasses it). The cost budget of an idle cycle is checked against this count (test/jobs/idle-tick.test.ts) and
 * `npm run bench:fleet` prints it per account. An integer increment per query: always on.
 */
import type { DatabaseConnection, Dialect, Driver, TransactionSettings } from "kysely";

export interface QueryStats {
  /** Round trips so far, from this handle's pool and its dedicated sessions. */
  queries: number;
}

/** The dialect, with every round trip through its driver added to `stats.queries`. */
export function countingDialect(inner: Dialect, stats: QueryStats): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver: () => countingDriver(inner.createDriver(), stats),
  };
}

function countingDriver(driver: Driver, stats: QueryStats): Driver {
  const targets = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const unwrap = (c: DatabaseConnection) => targets.get(c) ?? c;
  const counted: Driver = {
    init: (options) => driver.init(options),
    async acquireConnection(options) {
      const target = await driver.acquireConnection(options);
      const proxy = new Proxy(target, {
        get(t, prop) {
          if (prop === "executeQuery") {
            return (...args: Parameters<DatabaseConnection["executeQuery"]>) => {
              stats.queries += 1;
              return t.executeQuery(...args);
            };
          }
          const value: unknown = Reflect.get(t, prop, t);
          return typeof value === "function" ? value.bind(t) : value;
        },
      });
      targets.set(proxy, target);
      return proxy;
    },
    beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
      stats.queries += 1;
      return driver.beginTransaction(unwrap(connection), settings);
    },
    commitTransaction(connection) {
      stats.queries += 1;
      return driver.commitTransaction(unwrap(connection));
    },
    rollbackTransaction(connection) {
      stats.queries += 1;
      return driver.rollbackTransaction(unwrap(connection));
    },
    releaseConnection: (connection, options) => driver.releaseConnection(unwrap(connection), options),
    destroy: (options) => driver.destroy(options),
  };
  const { savepoint, rollbackToSavepoint, releaseSavepoint } = driver;
  if (savepoint && rollbackToSavepoint && releaseSavepoint) {
    counted.savepoint = (c, name, compile) => {
      stats.queries += 1;
      return savepoint.call(driver, unwrap(c), name, compile);
    };
    counted.rollbackToSavepoint = (c, name, compile) => {
      stats.queries += 1;
      return rollbackToSavepoint.call(driver, unwrap(c), name, compile);
    };
    counted.releaseSavepoint = (c, name, compile) => {
      stats.queries += 1;
      return releaseSavepoint.call(driver, unwrap(c), name, compile);
    };
  }
  return counted;
}
