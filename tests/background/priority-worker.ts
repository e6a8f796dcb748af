// A worker module for tests/background/priority.test.ts: reports its own thread's nice value and id.
import { parentPort } from 'node:worker_threads'
import { currentThreadId, currentThreadNice } from '#main/background/priority.ts'

parentPort!.postMessage({ nice: currentThreadNice(), tid: currentThreadId() })
