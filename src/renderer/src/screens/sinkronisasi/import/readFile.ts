// A picked file's content as base64, the form the import API takes over HTTP and IPC alike.
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(reader.error ?? new Error('berkas tidak dapat dibaca'))
    // A data URL is "data:<type>;base64,<content>": the content is what the API wants.
    reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1))
    reader.readAsDataURL(file)
  })
}
