#!/usr/bin/env node
// Peer for `dotnet run -c Release --project bench/Obrador.Bench -- etl`: DuckDB (one thread) doing the bronze → gold
// step over the same bronze Parquet files: dedupe on event_id (earliest enqueued_at copy wins), then units and revenue
// per store × product × day, written as Parquet in (date, store, product) order.
// usage: node bench/peers/etl_duckdb.mjs <bronze glob> <out.parquet>  -> {"seconds": s, "rows": n, "units": u}
// Only the COPY is timed.
import { DuckDBInstance } from '@duckdb/node-api';

const [glob, out] = process.argv.slice(2);
if (!glob || !out) {
  process.stderr.write('usage: etl_duckdb.mjs <bronze glob> <out.parquet>\n');
  process.exit(2);
}

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run('SET threads = 1');
const q = (s) => "'" + s.replaceAll("'", "''") + "'";
const sql = `COPY (
  SELECT upper(trim(store_id)) AS store_id, upper(trim(product_id)) AS product_id, CAST(occurred_at AS DATE) AS date,
         sum(q) AS units, sum(q * p) AS revenue, sum(q * p) / sum(q) AS price, count(*) AS lines
  FROM (
    SELECT event_id,
           arg_min(store_id, enqueued_at) AS store_id,
           arg_min(product_id, enqueued_at) AS product_id,
           arg_min(occurred_at, enqueued_at) AS occurred_at,
           arg_min(coalesce(quantity, 1), enqueued_at)::DOUBLE AS q,
           arg_min(price, enqueued_at)::DOUBLE AS p
    FROM read_parquet(${q(glob)})
    WHERE event_type = 'pos_sale' AND store_id IS NOT NULL AND product_id IS NOT NULL
    GROUP BY event_id)
  GROUP BY ALL
  ORDER BY date, store_id, product_id
) TO ${q(out)} (FORMAT parquet, COMPRESSION snappy)`;
const t0 = performance.now();
await db.run(sql);
const seconds = (performance.now() - t0) / 1000;
const check = await db.runAndReadAll(`SELECT count(*)::BIGINT, sum(units)::DOUBLE FROM read_parquet(${q(out)})`);
const [rows, units] = check.getRows()[0];
process.stdout.write(JSON.stringify({ seconds, rows: Number(rows), units: Number(units) }) + '\n');
