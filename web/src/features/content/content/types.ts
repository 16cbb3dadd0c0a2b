// The shape of the static pages' content. Both languages implement it, so the
// compiler catches a page or a field missing in one of them. Text fields are
// plain text rendered by <RichText>: blank lines split paragraphs, "- " lines
// are bullets. {shop}, {whatsapp} and {email} are filled at render time.

export interface FaqItem {
  id: string;
  question: string;
  answer: string;
}

export interface FaqGroup {
  title: string;
  items: FaqItem[];
}

export interface DocumentSection {
  id: string;
  title: string;
  body: string;
}

export interface LegalDocument {
  intro: string;
  /** ISO date (YYYY-MM-DD) the document was last changed. */
  updated: string;
  sections: DocumentSection[];
}

export interface SupportContent {
  intro: string;
  hoursTitle: string;
  hours: string;
  includeTitle: string;
  include: string;
  neverTitle: string;
  never: string;
  responseTitle: string;
  response: string;
  faqPrompt: string;
  faqLink: string;
}

export interface StaticContent {
  faq: { intro: string; groups: FaqGroup[]; stillNeedHelp: string; contactLink: string };
  terms: LegalDocument;
  privacy: LegalDocument;
  support: SupportContent;
}
