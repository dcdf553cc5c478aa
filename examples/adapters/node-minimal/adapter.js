#!/usr/bin/env node
// A complete, minimal kpstandard conformance adapter in Node.js (no dependencies: Node 18+).
//
// It speaks the adapter protocol, version 1: one JSON command per line on stdin, one JSON answer
// per line on stdout. Everything the protocol needs is here; the only part that is about YOUR
// system is judge() below. This one judges XML documents with `xmllint --schema` (Debian:
// libxml2-utils) plus a check that no text is given twice in one language; replace judge() with a
// call into your own validator and declare what it does in IMPLEMENTATION.
//
//   kpcert conformance run --adapter "node examples/adapters/node-minimal/adapter.js" --area schema

"use strict";

const { spawnSync } = require("node:child_process");
const path = require("node:path");
const readline = require("node:readline");

const XSD_DIR = process.env.KP_XSD_DIR || path.join(__dirname, "..", "..", "..", "spec", "xml");
const SCHEMAS = ["kp-certificate.xsd", "import-confirmation.xsd", "authority-trust-list.xsd"];

// What the implementation says of itself at start. Tests for roles and syntaxes it does not
// declare are graded "not applicable", never "fail".
const IMPLEMENTATION = {
  name: "node-minimal",
  version: "0.1.0",
  language: "javascript",
  roles: ["validator"],
  syntaxes: ["xml"],
  features: [],
};

// --- your system goes here -------------------------------------------------------------------

// Judge one document. Return {outcome: "accept"}, or {outcome: "reject", codes: [...]} with the
// finding codes of the standard (spec/catalogue/findings.json) that say why.
function judge(role, input, context) {
  for (const xsd of SCHEMAS) {
    const run = spawnSync("xmllint", ["--noout", "--nonet", "--schema", path.join(XSD_DIR, xsd), "-"], {
      input,
      maxBuffer: 64 * 1024 * 1024,
    });
    const lines = run.stderr
      .toString("utf8")
      .split("\n")
      .filter((l) => l.trim() && !l.startsWith(" ") && !l.startsWith("^") && !/ (validates|fails to validate)$/.test(l));
    if (run.status === 0) {
      const twice = languageTwice(input.toString("utf8"));
      return twice ? { outcome: "reject", codes: ["KP-S-006"] } : { outcome: "accept" };
    }
    if (run.status === 1) return { outcome: "reject", codes: codes(lines, PARSER_MESSAGES) };
    if (lines.some((l) => l.includes("No matching global declaration"))) continue; // another type
    return { outcome: "reject", codes: codes(lines, SCHEMA_MESSAGES) };
  }
  return { outcome: "reject", codes: ["KP-P-007"] };
}

// xmllint's messages and the codes that say the same (the first pattern that matches wins).
const PARSER_MESSAGES = [
  [/Document is empty|Start tag expected, '<' not found/, "KP-P-001"],
  [/Excessive depth/i, "KP-P-005"],
  [/entity|DOCTYPE|DTD/i, "KP-P-004"],
  [/./, "KP-P-003"],
];
const SCHEMA_MESSAGES = [
  [/Duplicate key-sequence .* identity-constraint/, "KP-S-006"], // the XSD's xs:unique on xml:lang
  [/not expected\. Expected is/, ["KP-S-002", "KP-S-001"]],
  [/Missing child element|is required but missing/, "KP-S-001"],
  [/This element is not expected|attribute '[^']*' is not allowed/, "KP-S-002"],
  [/not an element of the set/, "KP-S-004"],
  [/not a valid value|not accepted by the pattern|facet|has a length|Element content is not allowed/, "KP-S-003"],
  [/\bentity\b/i, "KP-P-004"], // not "identity-constraint"
  [/./, "KP-S-099"],
];

function codes(lines, table) {
  const found = new Set();
  for (const line of lines) {
    const hit = table.find(([pattern]) => pattern.test(line));
    if (hit) [].concat(hit[1]).forEach((c) => found.add(c));
  }
  return found.size ? [...found] : ["KP-S-099"];
}

// Two versions of one text in the same language (the XSD cannot say it): sibling elements of the
// same name with the same xml:lang. A tag scanner is enough for the standard's documents, which
// have no mixed content.
function languageTwice(xml) {
  const text = xml.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>/g, "");
  const stack = [new Set()];
  for (const [, close, name, attributes, empty] of text.matchAll(/<(\/?)([\w.:-]+)([^>]*?)(\/?)>/g)) {
    if (close) {
      stack.pop();
      continue;
    }
    const lang = /xml:lang="([^"]*)"/.exec(attributes);
    if (lang) {
      const key = `${name.replace(/^.*:/, "")} ${lang[1].toLowerCase()}`;
      if (stack[stack.length - 1].has(key)) return true;
      stack[stack.length - 1].add(key);
    }
    if (!empty) stack.push(new Set());
  }
  return false;
}

// --- the protocol: nothing below is about your system ----------------------------------------

function answer(command) {
  switch (command.cmd) {
    case "start":
      return { version: 1, implementation: IMPLEMENTATION };
    case "stop":
      return { stopped: true };
    case "run": {
      const { seq, role, test } = command;
      try {
        const input = Buffer.from(test.input.base64, "base64");
        return { seq, ...judge(role, input, test.context) };
      } catch (error) {
        return { seq, outcome: "errored", message: String(error && error.stack ? error.stack : error) };
      }
    }
    default:
      return null;
  }
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  if (!line.trim()) return;
  const command = JSON.parse(line);
  const reply = answer(command);
  // One line per answer. Writes to a pipe are synchronous on Linux and macOS, so nothing waits
  // in a buffer; on Windows, write with a callback before reading the next command.
  if (reply) process.stdout.write(JSON.stringify(reply) + "\n");
  if (command.cmd === "stop") process.exit(0);
});
