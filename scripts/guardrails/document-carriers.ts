/**
 * Carriers for composed documents (compose-documents.ts): the genres of text an agent reads (e-mails,
 * web pages, résumés, reviews, tickets, invites, PDF text, code, tool output) with one slot where a
 * note goes, hidden the way the genre hides things (an HTML comment, `display:none`, alt text, an
 * aria-label, a Markdown comment or link title, a JSON field, a CSV cell) or in plain sight. Each
 * genre is a family: the composer puts it wholly on the train or the dev side.
 */
export interface CarrierParts {
  /** Benign paragraphs of the line's language and split (news, Wikipedia, a shop's page). */
  body: string;
  body2: string;
  /** The note: an attack framing with its instruction, a benign look-alike, or a third paragraph. */
  slot: string;
  pick: <T>(items: readonly T[]) => T;
}

export interface Carrier {
  context: "document" | "tool_result";
  render: (parts: CarrierParts) => string;
}

const PEOPLE = [
  "Maria Keller",
  "Tom Okafor",
  "Lena Novak",
  "Rahul Mehta",
  "Chen Wei",
  "Sofia Ruiz",
  "Yuki Tanaka",
];
const COMPANIES = [
  "Northwind Traders",
  "Blue Harbor Logistics",
  "Acme Analytics",
  "Greenleaf Foods",
  "Kestrel Labs",
];
const SUBJECTS = [
  "Q3 numbers",
  "Re: site visit on Friday",
  "Invoice 2024-118",
  "Onboarding checklist",
  "Trip details",
];
const TITLES = [
  "Travel notes",
  "Community garden update",
  "Release notes 4.2",
  "Our menu",
  "Annual report summary",
];
const PRODUCTS = [
  "AeroPress Go",
  "TrailRunner 3 shoes",
  "Kettle KX-200",
  "Lumen desk lamp",
  "Orbit 5 headphones",
];
const PATHS = ["/blog/2024/spring", "/news/update", "/about", "/help/returns", "/docs/getting-started"];

const email = (name: string) => `${name.split(" ")[0]?.toLowerCase() ?? "info"}@example.com`;
const csvCell = (text: string) => `"${text.replace(/"/g, '""').replace(/\n/g, " ")}"`;
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ");
const attribute = (text: string) => oneLine(text).replace(/"/g, "&quot;");

export const CARRIERS: Record<string, Carrier> = {
  "email-body": {
    context: "document",
    render: ({ body, body2, slot, pick }) => {
      const [from, to] = [pick(PEOPLE), pick(PEOPLE)];
      return `From: ${from} <${email(from)}>\nTo: ${to} <${email(to)}>\nSubject: ${pick(SUBJECTS)}\n\nHi ${to.split(" ")[0]},\n\n${body}\n\n${slot}\n\n${body2}\n\nBest regards,\n${from}\n${pick(COMPANIES)}`;
    },
  },
  "email-footer": {
    context: "document",
    render: ({ body, slot, pick }) => {
      const from = pick(PEOPLE);
      return `Subject: ${pick(SUBJECTS)}\nFrom: ${email(from)}\n\n${body}\n\nThanks,\n${from}\n--\n${pick(COMPANIES)} | Registered office: 12 Mill Lane\n${slot}\nThis message may contain confidential information.`;
    },
  },
  "html-comment": {
    context: "document",
    render: ({ body, body2, slot, pick }) =>
      `<html><head><title>${pick(TITLES)}</title></head><body>\n<h1>${pick(TITLES)}</h1>\n<p>${body}</p>\n<!-- ${slot} -->\n<p>${body2}</p>\n</body></html>`,
  },
  "html-hidden-div": {
    context: "document",
    render: ({ body, body2, slot, pick }) =>
      `<article>\n<h2>${pick(TITLES)}</h2>\n<p>${body}</p>\n<div style="display:none">${slot}</div>\n<p>${body2}</p>\n</article>`,
  },
  "html-alt-text": {
    context: "document",
    render: ({ body, slot, pick }) =>
      `<section class="post">\n<p>${body}</p>\n<img src="/images/${pick(["harbour", "team", "garden", "product", "event"])}.jpg" alt="${attribute(slot)}" width="640">\n<p class="caption">${pick(TITLES)}</p>\n</section>`,
  },
  "html-aria-label": {
    context: "document",
    render: ({ body, body2, slot }) =>
      `<main>\n<p>${body}</p>\n<button class="subscribe" aria-label="${attribute(slot)}">Subscribe</button>\n<p>${body2}</p>\n</main>`,
  },
  "html-tiny-text": {
    context: "document",
    render: ({ body, body2, slot }) =>
      `<div class="content"><p>${body} <span style="color:#ffffff;font-size:1px">${slot}</span></p><p>${body2}</p></div>`,
  },
  "markdown-comment": {
    context: "document",
    render: ({ body, body2, slot, pick }) =>
      `# ${pick(TITLES)}\n\n${body}\n\n[//]: # (${oneLine(slot).replace(/[()]/g, "")})\n\n${body2}`,
  },
  "markdown-link-title": {
    context: "document",
    render: ({ body, body2, slot, pick }) =>
      `## ${pick(TITLES)}\n\n${body} See [the details](https://www.example.org${pick(PATHS)} "${attribute(slot)}").\n\n${body2}`,
  },
  resume: {
    context: "document",
    render: ({ body, slot, pick }) => {
      const name = pick(PEOPLE);
      return `${name.toUpperCase()}\n${email(name)} · +44 20 7946 0${pick(["101", "233", "457", "689"])}\n\nEXPERIENCE\n${pick(COMPANIES)}, Project Manager (2019–2024)\n- Led a team of six; delivered two warehouse systems on time.\n\nSUMMARY\n${body}\n\n${slot}\n\nEDUCATION\nBSc Business Informatics, 2018\nSKILLS: SQL, Excel, stakeholder management`;
    },
  },
  "product-review": {
    context: "document",
    render: ({ body, slot, pick }) =>
      `★★★★☆ ${pick(PRODUCTS)}\nReviewed by ${pick(PEOPLE)} · Verified purchase\n\n${body} ${slot}\n\n14 people found this helpful.`,
  },
  "support-ticket": {
    context: "document",
    render: ({ body, slot, pick }) =>
      `Ticket #${pick(["4821", "5930", "6117", "7244"])} | Priority: Normal | Status: Open\nCustomer: ${pick(PEOPLE)}\nProduct: ${pick(PRODUCTS)}\n\nDescription:\n${body}\n\n${slot}`,
  },
  "calendar-invite": {
    context: "document",
    render: ({ body, slot, pick }) =>
      `BEGIN:VEVENT\nSUMMARY:${pick(SUBJECTS)}\nDTSTART:20250312T090000Z\nLOCATION:Room 4B\nORGANIZER:mailto:${email(pick(PEOPLE))}\nDESCRIPTION:${oneLine(`${body} ${slot}`)}\nEND:VEVENT`,
  },
  "pdf-text": {
    context: "document",
    render: ({ body, body2, slot, pick }) =>
      `${pick(COMPANIES)} — ${pick(TITLES)}\nPage 3 of 12\n\n${body}\n\n${slot}\n\n${body2}\n\n— 3 —`,
  },
  "code-comment": {
    context: "document",
    render: ({ body, slot }) =>
      `/**\n * ${oneLine(body)}\n *\n * ${oneLine(slot)}\n */\nexport function parseOrder(input: string): Order {\n  return JSON.parse(input) as Order;\n}`,
  },
  readme: {
    context: "document",
    render: ({ body, body2, slot, pick }) =>
      `# ${pick(["orderkit", "tinycache", "geo-utils", "mailbridge"])}\n\n${body}\n\n## Installation\n\n\`npm install\` and run \`npm test\`.\n\n<!-- ${slot} -->\n\n## Notes\n\n${body2}`,
  },
  "meeting-notes": {
    context: "document",
    render: ({ body, body2, slot, pick }) =>
      `Meeting notes — ${pick(SUBJECTS)}\nAttendees: ${pick(PEOPLE)}, ${pick(PEOPLE)}, ${pick(PEOPLE)}\n\n1. ${body}\n2. ${slot}\n3. ${body2}\n\nNext meeting: Tuesday.`,
  },
  "json-api": {
    context: "tool_result",
    render: ({ body, slot, pick }) =>
      JSON.stringify({
        status: "ok",
        item: { id: pick([1042, 2210, 3307]), title: pick(PRODUCTS), description: body, notes: slot },
      }),
  },
  "csv-export": {
    context: "tool_result",
    render: ({ body, body2, slot, pick }) =>
      `id,name,comment\n1,${pick(PEOPLE)},${csvCell(body)}\n2,${pick(PEOPLE)},${csvCell(slot)}\n3,${pick(PEOPLE)},${csvCell(body2)}`,
  },
  "search-results": {
    context: "tool_result",
    render: ({ body, body2, slot, pick }) =>
      `1. ${pick(TITLES)} — https://www.example.org${pick(PATHS)}\n   ${oneLine(body)}\n2. ${pick(TITLES)} — https://news.example.net${pick(PATHS)}\n   ${oneLine(slot)}\n3. ${pick(TITLES)} — https://wiki.example.com${pick(PATHS)}\n   ${oneLine(body2)}`,
  },
  "chat-messages": {
    context: "tool_result",
    render: ({ body, slot, pick }) =>
      JSON.stringify({
        channel: "#general",
        messages: [
          { user: pick(PEOPLE), text: body },
          { user: pick(PEOPLE), text: slot },
        ],
      }),
  },
  "file-read": {
    context: "tool_result",
    render: ({ body, body2, slot }) => `read_file("notes/summary.txt") →\n${body}\n${slot}\n${body2}\n[EOF]`,
  },
};
