// Loads calling-cycle/sql from the installed package by import and checks what it writes: the
// query's steps for each dialect, a refusal that names the policy path, and the support tables'
// Lord Howe half-hour DST change (02:00 +11:00 → 01:30 +10:30 on 5 April 2026, 15:00 UTC).
// The checks themselves are in the .cjs beside this file, shared by both ways of loading.
import * as core from 'calling-cycle';
import * as edge from 'calling-cycle/sql';
import check from './consumer-sql.cjs';

check(core, edge, 'import');
