#!/usr/bin/env node
// Peer for `dotnet run -c Release --project bench/Obrador.Bench -- parquet`: DuckDB (one thread) writing and
// full-scan reading the benchmark rows. The rows are built by the same formulas as ParquetBenchmark.cs.
// usage: node bench/peers/duckdb-parquet.mjs write <rows> <path>   -> {"seconds": s, "bytes": n}
//        node bench/peers/duckdb-parquet.mjs read <path>           -> {"seconds": s, "rows": n}
// Only the COPY (write) or the scan query (read) is timed; building the source table is not.
import { DuckDBInstance } from '@duckdb/node-api';
import { statSync } from 'node:fs';

const [mode, a, b] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run('SET threads = 1');
await db.run('SET preserve_insertion_order = true');

const q = (s) => "'" + s.replaceAll("'", "''") + "'";
if (mode === 'write') {
  const rows = BigInt(a);
  await db.run(`CREATE TABLE t AS SELECT
      i::BIGINT AS id,
      make_timestamp(1704067200000000 + i * 1000000 + (i % 1000)) AS ts,
      'store-' || (i % 50)::VARCHAR AS store,
      'o' || ((i * 2654435761) % 4294967296)::VARCHAR AS order_id,
      ((i * 7919) % 1000003) / 100.0 AS amount,
      ((i % 100000) / 100.0)::DECIMAL(18,2) AS price,
      CASE WHEN i % 10 = 0 THEN NULL ELSE (i % 1000)::INTEGER END AS qty
    FROM range(${rows}) r(i)`);
  const t0 = performance.now();
  await db.run(`COPY t TO ${q(b)} (FORMAT parquet, COMPRESSION snappy)`);
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(JSON.stringify({ seconds, bytes: statSync(b).size }) + '\n');
} else if (mode === 'read') {
  const t0 = performance.now();
  const reader = await db.runAndReadAll(`SELECT count(*), min(id), max(ts), min(store), max(order_id), sum(amount), sum(price), count(qty)
      FROM read_parquet(${q(a)})`);
  const seconds = (performance.now() - t0) / 1000;
  const rows = reader.getRows()[0][0].toString();
  process.stdout.write(JSON.stringify({ seconds, rows }) + '\n');
} else {
  process.stderr.write('usage: duckdb-parquet.mjs write <rows> <path> | read <path>\n');
  process.exit(2);
}
