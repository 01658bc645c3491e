import type { ContentSource, Detector, Finding } from "../types.js";
import { findDocumentParts } from "./document-parts.js";

/**
 * A user's text that carries a document (a pasted email, web page, résumé, a tool's JSON output) is
 * screened as the user's, and each document part of it is screened again, as a document, by the
 * detectors that read a document differently from a user's message (`inner`): an instruction addressed
 * to the AI inside a pasted email is an injection, though the same words from the user are a request.
 * Findings keep their span in the whole text; the detector is named `attacks/embedded-document:<inner>`.
 */
export function createEmbeddedDocumentDetector(inner: readonly Detector[]): Detector {
  return {
    name: "attacks/embedded-document",
    scan(text, source?: ContentSource) {
      if (source !== undefined && source !== "user") return [];
      const findings: Finding[] = [];
      for (const part of findDocumentParts(text)) {
        const slice = text.slice(part.start, part.end);
        for (const detector of inner) {
          for (const finding of detector.scan(slice, "document")) {
            findings.push({
              ...finding,
              start: finding.start + part.start,
              end: finding.end + part.start,
              detector: `attacks/embedded-document:${finding.detector}`,
            });
          }
        }
      }
      return findings;
    },
  };
}
