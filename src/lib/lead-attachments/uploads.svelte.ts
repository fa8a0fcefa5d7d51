import type { LeadwerkClient } from '$lib/supabase/client';
import { checkAttachmentFile, attachmentObjectPath, type AttachmentRejection } from './file-rules';
import { createUploadUrl, insertLeadAttachment, removeStoredFile } from './api';
import { putWithProgress } from './put-with-progress';

/** Uploads at once; more would only split the same bandwidth and delay every file's finish. */
const parallelUploads = 3;

/** The longest file name lead_attachments keeps; longer names keep their end (the extension). */
const maxFileNameLength = 255;

export type UploadPhase = 'waiting' | 'uploading' | 'done' | 'failed' | 'rejected';

/** One file on its way into a lead's attachments. */
export class AttachmentUpload {
	readonly id = crypto.randomUUID();
	readonly file: File;
	phase = $state<UploadPhase>('waiting');
	loadedBytes = $state(0);
	rejection = $state<AttachmentRejection>();
	/** Why the upload failed; shown translated next to the file. */
	error = $state<unknown>();

	constructor(file: File) {
		this.file = file;
	}

	/** How much of the file has been sent, 0 to 1. */
	get fraction(): number {
		return this.file.size ? Math.min(1, this.loadedBytes / this.file.size) : 0;
	}
}

interface UploadDependencies {
	client: () => LeadwerkClient;
	/** Headers the signed upload URL needs besides the token (the API key for the gateway). */
	headers: () => Record<string, string>;
	/** Called after each stored file, to refresh the list. */
	onStored: () => void;
}

/**
 * The uploads of one lead page: each file is checked (size, type), then signed, sent with
 * progress and recorded. Files that fail keep their message until dismissed; finished ones leave
 * the list once the attachment list shows them.
 */
export class AttachmentUploads {
	items = $state<AttachmentUpload[]>([]);
	readonly #leadId: string;
	readonly #dependencies: UploadDependencies;
	#running = 0;

	constructor(leadId: string, dependencies: UploadDependencies) {
		this.#leadId = leadId;
		this.#dependencies = dependencies;
	}

	add(files: Iterable<File>): void {
		for (const file of files) {
			const upload = new AttachmentUpload(file);
			upload.rejection = checkAttachmentFile(file);
			if (upload.rejection) upload.phase = 'rejected';
			this.items.push(upload);
		}
		this.#pump();
	}

	dismiss(id: string): void {
		this.items = this.items.filter((upload) => upload.id !== id);
	}

	#pump(): void {
		while (this.#running < parallelUploads) {
			const next = this.items.find((upload) => upload.phase === 'waiting');
			if (!next) return;
			this.#running += 1;
			next.phase = 'uploading';
			void this.#upload(next).finally(() => {
				this.#running -= 1;
				this.#pump();
			});
		}
	}

	async #upload(upload: AttachmentUpload): Promise<void> {
		const client = this.#dependencies.client();
		const { file } = upload;
		const objectPath = attachmentObjectPath(this.#leadId, crypto.randomUUID(), file.name);
		let stored = false;
		try {
			const url = await createUploadUrl(client, objectPath);
			await putWithProgress(url, file, this.#dependencies.headers(), (loaded) => {
				upload.loadedBytes = loaded;
			});
			stored = true;
			await insertLeadAttachment(client, this.#leadId, {
				object_path: objectPath,
				file_name: file.name.slice(-maxFileNameLength),
				mime_type: file.type || null,
				size: file.size
			});
			upload.phase = 'done';
			this.#dependencies.onStored();
		} catch (error) {
			upload.error = error;
			upload.phase = 'failed';
			// Bytes without a row would be invisible and never cleaned up.
			if (stored) {
				await removeStoredFile(client, objectPath).catch((cleanupError: unknown) =>
					console.error('Removing the bytes of an unrecorded upload failed:', cleanupError)
				);
			}
		}
	}
}
