// Package auditexport owns the file formats the audit log is exported in,
// for the admin API, the console and the CLI alike: CSV (through csvexport,
// so no cell is ever a spreadsheet formula) and JSON Lines (one event a
// line). Events arrive one at a time from store.ExportAudit, so an export
// of any size holds one page of events in memory.
package auditexport
