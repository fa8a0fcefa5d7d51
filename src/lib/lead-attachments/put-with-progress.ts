import { fromUploadResponse } from './storage-error';

/**
 * PUTs a file to a signed upload URL, reporting progress. fetch() cannot report upload progress
 * (and storage-js has no callback), so this uses XMLHttpRequest and its `upload.onprogress`.
 * The body is the raw file with its type, which Storage accepts as well as a form.
 */
export function putWithProgress(
	url: string,
	file: File,
	headers: Record<string, string>,
	onProgress: (loadedBytes: number) => void
): Promise<void> {
	return new Promise((resolve, reject) => {
		const request = new XMLHttpRequest();
		request.open('PUT', url);
		for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
		request.setRequestHeader('content-type', file.type || 'application/octet-stream');
		request.setRequestHeader('cache-control', 'max-age=3600');
		request.setRequestHeader('x-upsert', 'false');
		request.upload.onprogress = (event) => onProgress(event.loaded);
		request.onload = () => {
			if (request.status >= 200 && request.status < 300) {
				onProgress(file.size);
				resolve();
			} else {
				reject(fromUploadResponse(request.status, request.responseText));
			}
		};
		request.onerror = () => reject(fromUploadResponse(0, ''));
		request.send(file);
	});
}
