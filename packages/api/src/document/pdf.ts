import type { PrintableDocument } from "@medverkan/domain";
import PDFDocument from "pdfkit";

// Lays out a printable document (packages/domain/src/documents/printable.ts) as an A4 PDF with pdfkit. The standard
// Helvetica font carries å, ä, ö and the dashes in WinAnsi, so no font file is shipped. What the document says is
// decided in the domain; this file only places it on the page.

const MARGIN = 56;
const LABEL_WIDTH = 190;
const GAP = 12;

export function renderPdf(document: PrintableDocument, options: { lang: string; author: string }): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    lang: options.lang,
    info: { Title: document.title, Author: options.author, Creator: "Medverkan", Producer: "Medverkan (pdfkit)" },
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  const contentWidth = pdf.page.width - 2 * MARGIN;
  const bottom = () => pdf.page.height - MARGIN - 40;
  const room = (needed: number) => {
    if (pdf.y + needed > bottom()) pdf.addPage();
  };

  pdf.font("Helvetica").fontSize(9).fillColor("#444444").text(document.issuer, { width: contentWidth });
  pdf.moveDown(0.5);
  pdf.font("Helvetica-Bold").fontSize(18).fillColor("#000000").text(document.title, { width: contentWidth });
  pdf.font("Helvetica").fontSize(10).fillColor("#333333").text(document.subtitle, { width: contentWidth });
  pdf.fillColor("#000000");

  for (const section of document.sections) {
    pdf.moveDown(1);
    room(40);
    pdf.font("Helvetica-Bold").fontSize(12).text(section.heading, MARGIN, pdf.y, { width: contentWidth });
    const lineY = pdf.y + 2;
    pdf
      .moveTo(MARGIN, lineY)
      .lineTo(MARGIN + contentWidth, lineY)
      .lineWidth(0.5)
      .strokeColor("#999999")
      .stroke();
    pdf.y = lineY + 4;
    pdf.fontSize(10);
    for (const row of section.rows) {
      room(16);
      const top = pdf.y;
      pdf.font("Helvetica").text(row.label, MARGIN, top, { width: LABEL_WIDTH });
      const afterLabel = pdf.y;
      pdf.font("Helvetica").text(row.value, MARGIN + LABEL_WIDTH + GAP, top, { width: contentWidth - LABEL_WIDTH - GAP });
      pdf.y = Math.max(afterLabel, pdf.y) + 3;
    }
    if (section.text) {
      room(30);
      pdf
        .font("Helvetica")
        .fontSize(9)
        .text(section.text, MARGIN, pdf.y + 2, { width: contentWidth });
    }
  }

  pdf.moveDown(2);
  room(90);
  const columnWidth = (contentWidth - 2 * GAP) / 2;
  const signaturesTop = pdf.y;
  document.signatures.forEach((signature, index) => {
    const column = index % 2;
    const row = Math.floor(index / 2);
    const x = MARGIN + column * (columnWidth + 2 * GAP);
    const y = signaturesTop + row * 80 + 34;
    pdf
      .moveTo(x, y)
      .lineTo(x + columnWidth, y)
      .lineWidth(0.7)
      .strokeColor("#000000")
      .stroke();
    pdf
      .font("Helvetica")
      .fontSize(9)
      .text(signature.label, x, y + 4, { width: columnWidth });
    if (signature.signedAt)
      pdf
        .fontSize(8)
        .fillColor("#444444")
        .text(signature.signedAt, x, y - 14, { width: columnWidth });
    pdf.fillColor("#000000");
  });
  pdf.y = signaturesTop + Math.ceil(document.signatures.length / 2) * 80;

  pdf
    .font("Helvetica")
    .fontSize(8)
    .fillColor("#666666")
    .text(document.footer, MARGIN, pdf.page.height - MARGIN - 10, {
      width: contentWidth,
      lineBreak: false,
    });
  pdf.end();
  return done;
}
