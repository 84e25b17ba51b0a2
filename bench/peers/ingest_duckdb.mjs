#!/usr/bin/env node
// Peer for the `ingest` benchmark: DuckDB converts an NDJSON file of events to a SNAPPY Parquet file on ONE thread.
// Usage: node bench/peers/ingest_duckdb.mjs <input.ndjson> <output.parquet>
// Prints {"seconds": <conversion wall time>, "rows": <rows written>} (start-up and the row count query excluded).
import { DuckDBInstance } from '@duckdb/node-api';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write('usage: ingest_duckdb.mjs <input.ndjson> <output.parquet>\n');
  process.exit(2);
}

const quote = (s) => `'${s.replaceAll("'", "''")}'`;
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run('SET threads=1');
await connection.run('SET preserve_insertion_order=true');
const started = process.hrtime.bigint();
await connection.run(
  `COPY (SELECT * FROM read_json(${quote(input)}, format='newline_delimited', maximum_object_size=1048576)) ` +
  `TO ${quote(output)} (FORMAT parquet, COMPRESSION snappy)`);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const reader = await connection.runAndReadAll(`SELECT count(*) FROM read_parquet(${quote(output)})`);
const rows = Number(reader.getRows()[0][0]);
process.stdout.write(JSON.stringify({ seconds, rows }) + '\n');
