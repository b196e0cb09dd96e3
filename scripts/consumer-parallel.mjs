// calling-cycle/parallel from the packed package by import; the checks are in the .cjs beside
// this file, shared by both ways of loading.
import * as core from 'calling-cycle';
import * as edge from 'calling-cycle/parallel';
import check from './consumer-parallel.cjs';

await check(core, edge, 'import');
