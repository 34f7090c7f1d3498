// Tests of this room are added with the room.
