import type { UploadJobDto } from '@mep/api/contracts';
import { csrfHeaders } from '../../api/client';

/**
 * Sends one file as the request body. XMLHttpRequest rather than fetch: it reports how much of the
 * file has been sent, which a person waiting on a large PDF wants to see.
 */
export async function uploadFile(file: File, publish: boolean, onProgress: (fraction: number) => void): Promise<UploadJobDto> {
  const headers = await csrfHeaders();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/workspace/uploads?name=${encodeURIComponent(file.name)}${publish ? '&status=published' : '&status=draft'}`);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as UploadJobDto);
      else reject(new Error((body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(file);
  });
}
