import type { ContentSource, Detector, Finding } from "../types.js";
import { LONG_TEXT_CHARS } from "./attack-scorer.js";
import { findDocumentParts } from "./document-parts.js";
import { prefixedNames } from "./prefixed-names.js";

/**
 * A user's text that carries a document (a pasted email, web page, résumé, a tool's JSON output) is
 * screened as the user's, and each document part of it is screened again, as a document, by the
 * detectors that read a document differently from a user's message: an instruction addressed to the
 * AI inside a pasted email is an injection, though the same words from the user are a request.
 * `rules` read every part; `learned` (the learned scorer, at its document threshold) reads a part of
 * up to LONG_TEXT_CHARS, a tool's output or an email: a longer one is a second pass over a page the
 * user reading already scores window by window, which on dev caught nothing more and cost a third of a
 * 10 KB scan. Findings keep their span in the whole text; the detector is named
 * `attacks/embedded-document:<detector>`.
 */
export const EMBEDDED_DOCUMENT_DETECTOR = "attacks/embedded-document";

export function createEmbeddedDocumentDetector(rules: readonly Detector[], learned?: Detector): Detector {
  // Made once, not per part: a megabyte of fenced lines is 75,000 parts.
  const withLearned = learned ? [...rules, learned] : rules;
  return {
    name: EMBEDDED_DOCUMENT_DETECTOR,
    scan(text, source?: ContentSource) {
      if (source !== undefined && source !== "user") return [];
      const findings: Finding[] = [];
      for (const part of findDocumentParts(text)) {
        // An empty fenced block has nothing to read (a megabyte of "```\n" is 50,000 of them).
        if (part.end === part.start) continue;
        const slice = text.slice(part.start, part.end);
        const readers = slice.length <= LONG_TEXT_CHARS ? withLearned : rules;
        for (const detector of readers) {
          // Moved into the whole text in place, not copied: the readers make new findings on every
          // scan, and a megabyte of "for the ai: " lines makes 80,000 of them.
          for (const finding of detector.scan(slice, "document")) {
            finding.start += part.start;
            finding.end += part.start;
            finding.detector = readAsDocument(finding.detector);
            findings.push(finding);
          }
        }
      }
      return findings;
    },
  };
}

/** `attacks/embedded-document:<detector>`. */
const readAsDocument = prefixedNames(`${EMBEDDED_DOCUMENT_DETECTOR}:`);
