// Scheduling room: overview to be written with the room.
