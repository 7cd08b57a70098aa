/**
 * Hands data fetched through the API client (which carries the bearer token) to the browser's download
 * as `fileName`: a plain link would carry no token, and the desktop window denies navigation.
 */
export function saveDownload(data: Blob, fileName: string): void {
  const url = URL.createObjectURL(data);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    link.style.display = 'none';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // After the click has started the download; revoking at once can cancel it in some engines.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
