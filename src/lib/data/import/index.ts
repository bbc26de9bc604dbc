/**
 * CSV import: a marketing file → a validated Dataset, entirely on the analyst's machine.
 *
 * bytes ─ decode (BOM / UTF-16 / Windows-1252) ─ csv-parser (streaming papaparse, delimiter
 * guessed) ─ CsvTable ─ suggestMapping (Robyn / Meridian / PyMC / long / guessed) ─ the
 * analyst may edit the ColumnMapping ─ applyMapping: dates, period grid, cells by role,
 * whole-column checks ─ ImportResult: `{ ok: true, dataset, warnings, mapping }` or
 * `{ ok: false, errors, totalErrors, … }`, never a half-built dataset, never a throw.
 *
 * `importCsvText` / `importCsvBytes` / `importCsvStream` run the whole chain;
 * `createImportService` is what src/lib/workers/import.worker.ts exposes.
 */
export * from './apply-mapping';
export * from './channel-id';
export * from './column-profile';
export * from './conventions';
export * from './csv-parser';
export * from './date';
export * from './decode';
export * from './delimiter';
export * from './events';
export * from './import-csv';
export * from './import-service';
export * from './issues';
export * from './mapping';
export * from './number';
export * from './periods';
export * from './preview';
export * from './result';
export * from './suggest-mapping';
export * from './dataset-invariants';
