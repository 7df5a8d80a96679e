"""The path of one call, from the endpoint function to the network and back: the typed call,
the policy that decides every attempt and wait, the drivers that run it sync and async, and
the transports."""
