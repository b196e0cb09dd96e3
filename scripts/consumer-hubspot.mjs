// Loads calling-cycle/hubspot from the installed package by import and checks a round trip:
// HubSpot v3 records → contacts and touches → a plan → task upsert inputs → a completed task read back.
// The checks themselves are in the .cjs beside this file, shared by both ways of loading.
import * as core from 'calling-cycle';
import * as edge from 'calling-cycle/hubspot';
import check from './consumer-hubspot.cjs';

check(core, edge, 'import');
