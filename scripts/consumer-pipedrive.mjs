// Loads calling-cycle/pipedrive from the installed package by import and checks a round trip:
// Pipedrive v1 records → contacts and touches → a plan → v2 activity payloads → a completed one read back.
// The checks themselves are in the .cjs beside this file, shared by both ways of loading.
import * as core from 'calling-cycle';
import * as edge from 'calling-cycle/pipedrive';
import check from './consumer-pipedrive.cjs';

check(core, edge, 'import');
