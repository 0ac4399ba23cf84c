// Package csvexport owns the one CSV writer every CSV the product writes goes
// through. It neutralises spreadsheet formulas: a cell that begins with '=',
// '+', '-', '@', a tab or a carriage return is written with a leading single
// quote ('), so a spreadsheet program shows it as text and never evaluates it.
package csvexport
