// Loads calling-cycle/csv from the installed package by import and checks a round trip:
// CSV text → contacts, touches and owners → a plan → a call-list CSV → a completed row read back.
// The checks themselves are in the .cjs beside this file, shared by both ways of loading.
import * as core from 'calling-cycle';
import * as edge from 'calling-cycle/csv';
import check from './consumer-csv.cjs';

await check(core, edge, 'import');
