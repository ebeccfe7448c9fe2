import { clearRecordedFacts } from "./facts";

/** Before the run: the facts directory starts empty (e2e/support/facts.ts). */
export default function setup() {
  clearRecordedFacts();
}
