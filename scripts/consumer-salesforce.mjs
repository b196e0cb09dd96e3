// Loads calling-cycle/salesforce from the installed package by import and checks a round trip:
// REST records (offsets without a colon, a date-only task, an open task) → contacts and touches →
// a plan → Task payloads → a completed planned task read back → the cycle is satisfied.
// The checks themselves are in the .cjs beside this file, shared by both ways of loading.
import * as core from 'calling-cycle';
import * as edge from 'calling-cycle/salesforce';
import check from './consumer-salesforce.cjs';

check(core, edge, 'import');
