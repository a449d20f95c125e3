import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Section } from './Page';
import { QueryState } from './QueryState';

export interface PdfInPageProps {
  /** The section's title ("La facture en PDF"). */
  title: string;
  /** The frame's accessible title ("Facture LACAPE-F-2026-1 (PDF)"). */
  frameTitle: string;
  fileName: string;
  downloadLabel: string;
  loadingLabel: string;
  /** Each area sizes the frame its own way. */
  frameClassName: string;
  /** Writes the PDF's size on the frame (`data-bytes`), where the tests check a real PDF came. */
  withBytes?: boolean;
  queryKey: readonly unknown[];
  /** Fetches the PDF with the access token (a generated call with `parseAs: 'blob'`). */
  fetchPdf(): Promise<unknown>;
}

/** A PDF shown in the page through a blob URL (the CSP allows blob: frames), with a download link. */
export function PdfInPage({ title, frameTitle, fileName, downloadLabel, loadingLabel, frameClassName, withBytes = false, queryKey, fetchPdf }: PdfInPageProps) {
  const pdf = useQuery({ queryKey, queryFn: async () => (await fetchPdf()) as Blob });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!pdf.data) return;
    const next = URL.createObjectURL(pdf.data);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [pdf.data]);
  return (
    <Section title={title}>
      <QueryState query={pdf}>
        {() =>
          url ? (
            <>
              <p>
                <a className="button button--secondary" href={url} download={fileName}>
                  <span>{downloadLabel}</span>
                </a>
              </p>
              <iframe className={frameClassName} title={frameTitle} src={url} data-bytes={withBytes ? pdf.data?.size : undefined} />
            </>
          ) : (
            <p role="status">{loadingLabel}</p>
          )
        }
      </QueryState>
    </Section>
  );
}
