// Every connector the engine can run, registered by importing it (one line per connector).
import './lapor-json/connector.ts'
import './open311/connector.ts'
