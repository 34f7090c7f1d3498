// Tests of the Mailing room are added with the room.
