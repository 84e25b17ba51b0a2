#!/usr/bin/env node
// Peer for the `ingest` benchmark: DuckDB converts NDJSON events to SNAPPY Parquet on ONE thread.
// Usage: node bench/peers/ingest_duckdb.mjs <input.ndjson> <output.parquet>
//          one conversion of the whole file;
//        node bench/peers/ingest_duckdb.mjs --batches <folder of *.ndjson> <output folder>
//          one conversion per batch file (the same batches the handler gets), one Parquet file each.
// Prints {"seconds": <wall>, "cpu": <process CPU seconds>, "rows": <rows written>, "files": n} for the conversions
// only (start-up and the row count query excluded).
import { DuckDBInstance } from '@duckdb/node-api';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const batched = args[0] === '--batches';
const [input, output] = batched ? args.slice(1) : args;
if (!input || !output) {
  process.stderr.write('usage: ingest_duckdb.mjs [--batches] <input> <output>\n');
  process.exit(2);
}

const quote = (s) => `'${s.replaceAll("'", "''")}'`;
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run('SET threads=1');
await connection.run('SET preserve_insertion_order=true');
const jobs = batched
  ? readdirSync(input).filter((f) => f.endsWith('.ndjson')).sort().map((f) => [join(input, f), join(output, f.replace(/\.ndjson$/, '.parquet'))])
  : [[input, output]];
const started = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
for (const [from, to] of jobs) {
  await connection.run(
    `COPY (SELECT * FROM read_json(${quote(from)}, format='newline_delimited', maximum_object_size=1048576)) ` +
    `TO ${quote(to)} (FORMAT parquet, COMPRESSION snappy)`);
}
const cpuUsed = process.cpuUsage(cpu0);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const pattern = batched ? join(output, '*.parquet') : output;
const reader = await connection.runAndReadAll(`SELECT count(*) FROM read_parquet(${quote(pattern)})`);
const rows = Number(reader.getRows()[0][0]);
process.stdout.write(JSON.stringify({ seconds, cpu: (cpuUsed.user + cpuUsed.system) / 1e6, rows, files: jobs.length }) + '\n');
