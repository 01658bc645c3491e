import { textBefore } from "./pii-match.js";

/**
 * "my IP is", "the user's IP address:", "mi dirección IP", "meine IP-Adresse": the words before an
 * address say it is someone's. Matched backwards from the end of the text before the address.
 */
const SOMEONES_ADDRESS =
  /$(?<=\b(?:my|your|his|her|their|our|(?:user|client|customer|employee|visitor|attacker|victim|sender)(?:'s|s')?|mi|mon|ma|meine|seine|ihre|meu|minha|mio)\s+(?:(?:public|private|local|home|work|own|dirección|direccion|adresse|endereço|indirizzo)\s+)?ip(?:v[46])?(?:[ -]?(?:address|addr|adresse))?\s*(?:is|was|:|=|est|es|ist|é|è)?\s*)/i;

/** A private address's score when reported: as sure as a public one's, a little less. */
const REPORTED = 0.85;
/** Under the default threshold of 0.5: found, and kept if an operator lowers the threshold. */
const UNREPORTED = 0.45;

/**
 * The score of a private or link-local address (10.x, 192.168.x, fe80::…) at `start`. With `always`
 * (the `privateIpAddresses` setting, on by default) it is reported wherever it appears, as presidio
 * and the cloud DLPs report it; without, it names a host on a network, not a person, and scores
 * under the threshold unless the words before it say it is someone's address.
 */
export function privateAddressScore(text: string, start: number, always: boolean): number {
  return always || SOMEONES_ADDRESS.test(textBefore(text, start)) ? REPORTED : UNREPORTED;
}
