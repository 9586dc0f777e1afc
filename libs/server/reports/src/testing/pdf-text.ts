import { PDFParse } from 'pdf-parse';

/** The text a reader can select in a PDF, per page, as a PDF viewer extracts it. */
export async function pdfText(pdf: Buffer): Promise<{ pages: string[]; text: string; pageCount: number }> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const result = await parser.getText();
    const pages = result.pages.map((p) => p.text);
    return { pages, text: pages.join('\n'), pageCount: result.total };
  } finally {
    await parser.destroy();
  }
}
